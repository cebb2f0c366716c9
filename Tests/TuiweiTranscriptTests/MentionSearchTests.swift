import Testing
import TuiweiCore
import TuiweiCorpus
@testable import TuiweiTranscript

/// The one-pass search for speakers' introductions finds, for every name, what the search of
/// each text for that name alone finds, and across texts keeps the first official introduction,
/// else the first.
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

    @Test func everyNameIsFoundAsInEachText() {
        var rng = SplitMix64(seed: 13)
        var introduced = 0, official = 0
        for _ in 0..<300 {
            let texts = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Self.randomText(&rng) }
            var search = MentionSearch(names: Self.names.map { Self.c.fold($0) }, conventions: Self.c)
            for t in texts { search.search(t) }
            let found = search.finish()
            for name in Self.names {
                // The first text's official introduction, else the first text's introduction.
                let each = texts.compactMap { SideAssignment.mention(of: name, in: $0, conventions: Self.c) }
                let expected = each.first { $0.official } ?? each.first
                let got = found[Self.c.fold(name)]
                if let got { introduced += 1; if got.official { official += 1 } }
                #expect(expected?.official == got?.official && expected?.title == got?.title
                        && expected?.organisation == got?.organisation, "\(name) in \(texts.map { String(String.UnicodeScalarView($0)) })")
            }
        }
        // The texts introduce names often, officials and others.
        #expect(introduced > 100 && official > 20 && official < introduced)
    }

    @Test func aPositionInAnotherTextIntroducesNoOne() {
        var search = MentionSearch(names: [Self.c.fold("汪文斌")], conventions: Self.c)
        search.search(Self.c.fold("外交部发言人"))
        search.search(Self.c.fold("汪文斌表示"))
        #expect(search.finish()[Self.c.fold("汪文斌")] == nil)
        search.search(Self.c.fold("……外交部发言人汪文斌表示"))
        let found = search.finish()[Self.c.fold("汪文斌")]
        #expect(found?.official == true && found?.title == "发言人" && found?.organisation == "外交部")
    }
}
