import Foundation
import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiAggregates
import TuiweiScoring

@Suite struct ClauseTests {
    /// The clause as cut from a copied array of scalars, before the text was walked in place.
    private func arrayClause(around range: Range<Int>, in text: String) -> String {
        let s = Array(text.unicodeScalars)
        guard !s.isEmpty else { return "" }
        let lo = min(max(range.lowerBound, 0), s.count), hi = min(max(range.upperBound, lo), s.count)
        let stops: Set<UInt32> = [0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0x0A]
        var start = lo
        while start > 0, !stops.contains(s[start - 1].value), lo - start < 30 { start -= 1 }
        var end = hi
        while end < s.count, !stops.contains(s[end].value), end - hi < 30 { end += 1 }
        if end < s.count, stops.contains(s[end].value) { end += 1 }
        var out = String(String.UnicodeScalarView(s[start..<end]))
        if start > 0, !stops.contains(s[start - 1].value) { out = "…" + out }
        if end < s.count, !stops.contains(s[end - 1].value) { out += "…" }
        return out.trimmingCharacters(in: .whitespaces)
    }

    @Test func sameClauseAsFromAnArray() {
        let pieces = ["这个", "我们不清楚", "。", "！", "？", "；", "!", "?", ";", "\n", " ", "工会", "e\u{301}", "👍🏽", "你好", "a",
                      "\t", "\u{3000}", "\u{A0}", "\u{200B}", "\u{2009}", "，", "“", "”", "…"]
        var rng = SplitMix64(seed: 3)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
            let count = text.unicodeScalars.count
            let a = Int.random(in: -2...(count + 3), using: &rng), b = Int.random(in: -2...(count + 3), using: &rng)
            let range = min(a, b)..<max(a, b)
            #expect(Array(clause(around: range, in: text).utf8) == Array(arrayClause(around: range, in: text).utf8))
        }
    }

    @Test func quotedTextFoundAsBySearching() {
        let texts = ["不清楚", "不", "清楚", "", "ok", "e", "\u{301}", "e\u{301}", "é", "\u{8C48}", "\u{F900}", "我们不清楚"]
        let details = ["\u{201C}不清楚\u{201D} (ignorance-1)", "\u{201C}我们不清楚\u{201D} (r)", "\u{201C}\u{201D} (r)", "\u{201C}ok\u{201D} (r)",
                       "\u{201C}e\u{301}\u{201D} (r)", "\u{201C}é\u{201D} (r)", "\u{201C}\u{8C48}\u{201D} (r)", "\u{201C}\u{F900}\u{201D} (r)",
                       "\u{201C}不清楚\u{201D} \u{201C}不\u{201D}", "不清楚", "\u{201C}不清楚", "\u{201C}不清楚\u{201D}"]
        for d in details {
            for t in texts { #expect(detailQuotes(d, t) == d.contains(t), "\(t) in \(d)") }
        }
    }
}
