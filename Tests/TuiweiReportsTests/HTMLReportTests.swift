import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TuiweiTestSupport
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring
@testable import TuiweiReports

@Suite struct HTMLReportTests {
    let html = HTMLReport.render(Fixture.summary)

    @Test func wellFormedWithTheExpectedSections() throws {
        let doc = try XMLDocument(data: Data(html.utf8), options: [])
        let root = try #require(doc.rootElement())
        #expect(root.name == "html")
        let ids = try root.nodes(forXPath: "//*[local-name()='section']/@id").compactMap(\.stringValue)
        #expect(ids == HTMLReport.sections)
        let svgs = try root.nodes(forXPath: "//*[local-name()='svg']")
        // CI chart, stacked profiles, the referral diagram (wide and narrow) when there are referrals, one per call.
        #expect(svgs.count == 2 + (Fixture.summary.referrals.organisations.isEmpty ? 0 : 2) + Fixture.summary.calls.count)
        let marks = try root.nodes(forXPath: "//*[local-name()='mark']")
        #expect(marks.contains { $0.stringValue?.hasPrefix("不是太清楚") == true })
        let rows = try root.nodes(forXPath: "//*[local-name()='table' and contains(@class,'answers')]/*[local-name()='tbody']/*[local-name()='tr']")
        #expect(rows.count == Fixture.whole.answers.count)
        // Each row explains its score with its contributions, in the row itself.
        let why = try root.nodes(forXPath: "//*[local-name()='table' and contains(@class,'answers')]//*[local-name()='td' and @class='why']").compactMap(\.stringValue)
        #expect(why.contains { $0.contains("-45.0 deflection.IGNORANCE “不是太清楚”") })
    }

    @Test func largeAnswerTablesAreCutWithANote() {
        let total = Fixture.whole.answers.count
        #expect(total > 1)
        let cut = HTMLReport.answersSection(CorpusSummary(Fixture.whole, resources: Fixture.resources, limits: .init(answers: 1)))
        #expect(cut.components(separatedBy: "<tr id=").count - 1 == 1)
        #expect(cut.contains("the first 1 of \(total) answers"))
        let whole = HTMLReport.answersSection(Fixture.summary)
        #expect(whole.components(separatedBy: "<tr id=").count - 1 == total)
        #expect(!whole.contains("the first"))
    }

    /// Long tables are drawn a batch of rows at a time: every row once, in order, in pieces no
    /// larger than a batch.
    @Test func rowsComeInOrderABatchAtATime() {
        for count in [0, 1, HTMLReport.rowBatch, 2 * HTMLReport.rowBatch + 3] {
            var pieces: [String] = []
            HTMLReport.rows(count, emit: { pieces.append($0) }) { "\($0)," }
            #expect(pieces.joined() == (0..<count).map { "\($0)," }.joined())
            #expect(pieces.count == (count + HTMLReport.rowBatch - 1) / HTMLReport.rowBatch)
        }
    }

    @Test func selfContained() {
        // One inline script, in a CDATA section so that XML parsers read it as text.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("<script>//<![CDATA[\n") && html.contains("\n//]]></script>"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(html.contains("&lt;b&gt;那边&lt;/b&gt; &amp; 别的"))
    }

    @Test func highlightsSpansByScalarOffsets() {
        let text = "嗯，不清楚。"
        let d = Detection(code: .ignorance, text: "不清楚", range: 2..<5, location: SourceLocation(document: "d", line: 1, column: 3),
                          rule: RuleReference(file: "f", line: 1), weight: 1)
        let out = HTMLReport.highlighted(text, [d, d])
        #expect(out.hasPrefix("嗯，<mark class=\"d\""))
        #expect(out.contains(">不清楚<sub>IGNORANCE</sub></mark>。"))
        #expect(out.components(separatedBy: "<mark").count == 2)
    }

    @Test func highlightingMatchesAScalarByScalarReading() {
        let text = "嗯<b>，𠀀不清楚 & e\u{301}'\"\r\n\t\u{1}。😀"
        let n = text.unicodeScalars.count
        func d(_ code: Code, _ range: Range<Int>) -> Detection {
            Detection(code: code, text: "", range: range, location: SourceLocation(document: "d", line: 1, column: 1),
                      rule: RuleReference(file: "f<&>", line: 1), weight: 1)
        }
        let cases: [[Detection]] = [
            [], [d(.ignorance, 0..<n)], [d(.hedge, 1..<4), d(.direct, 2..<3), d(.commit, 3..<9)],
            [d(.referral, 5..<n + 10), d(.hedge, -3..<2)], [d(.ignorance, n..<n + 2), d(.specific, 4..<4)],
            [d(.direct, 7..<9), d(.direct, 7..<12), d(.hedge, 0..<1)],
        ]
        for detections in cases {
            #expect(HTMLReport.highlighted(text, detections) == Self.highlightedByScalars(text, detections))
        }
    }

    /// Highlighting written the plain way, on an array of scalars.
    static func highlightedByScalars(_ text: String, _ detections: [Detection]) -> String {
        let scalars = Array(text.unicodeScalars)
        func part(_ r: Range<Int>) -> String { TextBytesTests.escapedByScalars(String(String.UnicodeScalarView(scalars[r]))) }
        var out = "", pos = 0
        for d in detections.sorted(by: { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }) {
            let lo = max(d.range.lowerBound, 0), hi = min(d.range.upperBound, scalars.count)
            guard lo >= pos, lo < hi else { continue }
            out += part(pos..<lo)
            let kind = d.code.kind == .deflection ? "d" : d.code.kind == .answer ? "a" : "m"
            out += "<mark class=\"\(kind)\" style=\"border-color:\(HTMLReport.colours[d.code] ?? "#999")\" title=\"\(d.code.rawValue) · \(TextBytesTests.escapedByScalars(d.rule.description))\">"
            out += part(lo..<hi) + "<sub>\(d.code.rawValue)</sub></mark>"
            pos = hi
        }
        return out + part(pos..<scalars.count)
    }
}
