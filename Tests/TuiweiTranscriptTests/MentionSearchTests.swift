import Testing
import TuiweiCore
import TuiweiCorpus
@testable import TuiweiTranscript

/// The one-pass search for speakers' introductions finds, for every name, what the search of the
/// joined text finds, however the text is cut into pieces.
@Suite struct MentionSearchTests {
    static let c = TranscriptConventions.standard
    static let names = ["王德学", "王德", "德学", "吴江", "汪文斌", "华春莹", "张", "Wang"]
    static let words = ["外交部发言人", "副局长", "局长", "原局长", "常务副会长", "保安", "记者", "主任", "人社局", "总工会",
                        "在大陆的时候我是", "今天的嘉宾是", "。", "，", "\n", "：", "我们", "不清楚", "王", "德", "学"] + names

    static func randomText(_ rng: inout SplitMix64) -> [Unicode.Scalar] {
        var s: [Unicode.Scalar] = []
        for _ in 0..<Int.random(in: 0...60, using: &rng) { s += words.randomElement(using: &rng)!.unicodeScalars }
        return c.fold(s)
    }

    @Test func everyNameIsFoundAsInTheJoinedText() {
        var rng = SplitMix64(seed: 13)
        var introduced = 0, official = 0
        for _ in 0..<300 {
            let text = Self.randomText(&rng)
            var search = MentionSearch(names: Self.names.map { Self.c.fold($0) }, conventions: Self.c)
            var at = 0
            while at < text.count {
                let n = min(text.count - at, Int.random(in: 0...12, using: &rng))
                search.feed(text[at..<(at + n)])
                at += n
            }
            let found = search.finish()
            for name in Self.names {
                let whole = SideAssignment.mention(of: name, in: text, conventions: Self.c)
                let piecewise = found[Self.c.fold(name)]
                if let piecewise { introduced += 1; if piecewise.official { official += 1 } }
                #expect(whole?.official == piecewise?.official && whole?.title == piecewise?.title
                        && whole?.organisation == piecewise?.organisation, "\(name) in \(String(String.UnicodeScalarView(text)))")
            }
        }
        // The texts introduce names often, officials and others.
        #expect(introduced > 100 && official > 20 && official < introduced)
    }

    @Test func aNameIntroducedAcrossTwoPiecesIsFound() {
        var search = MentionSearch(names: [Self.c.fold("汪文斌")], conventions: Self.c)
        for piece in ["……外交部发", "言人汪", "文斌表示"] { search.feed(Self.c.fold(piece)) }
        let found = search.finish()[Self.c.fold("汪文斌")]
        #expect(found?.official == true && found?.title == "发言人" && found?.organisation == "外交部")
    }
}
