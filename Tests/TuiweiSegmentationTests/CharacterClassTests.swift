import Testing
@testable import TuiweiSegmentation

@Suite("Mixed text: Latin, numbers, punctuation, whitespace")
struct CharacterClassTests {
    let seg = Shipped.segmenter

    func pairs(_ s: String) -> [String] {
        seg.tokens(in: s).map { "\($0.text(in: s))/\($0.kind.rawValue)" }
    }

    @Test("a Latin-and-digit run is one token")
    func latinRuns() {
        #expect(pairs("AK47") == ["AK47/latin"])
        #expect(pairs("用iPhone12拍") == ["用/word", "iPhone12/latin", "拍/word"])
        #expect(pairs("ＣＬＢ：喂") == ["ＣＬＢ/latin", "：/punctuation", "喂/word"])
    }

    @Test("years, decimals, thousands, percentages and full-width digits")
    func numbers() {
        #expect(pairs("2020年") == ["2020/number", "年/word"])
        #expect(pairs("增长3.5%") == ["增长/word", "3.5%/number"])
        #expect(pairs("共1,000元") == ["共/word", "1,000/number", "元/word"])
        #expect(pairs("２０００人") == ["２０００/number", "人/word"])
        #expect(pairs("３．５") == ["３．５/number"])
        #expect(pairs("电话 023-43765699。") == ["电话/word", "023/number", "-/punctuation", "43765699/number", "。/punctuation"])
        // A comma between numbers in a list is punctuation, not a thousands separator.
        #expect(pairs("1,2,3") == ["1/number", ",/punctuation", "2/number", ",/punctuation", "3/number"])
    }

    @Test("each punctuation mark is a token; ellipses and dashes stay whole")
    func punctuation() {
        #expect(pairs("好，好!") == ["好/word", "，/punctuation", "好/word", "!/punctuation"])
        #expect(pairs("嗯……对——是") == ["嗯/word", "……/punctuation", "对/word", "——/punctuation", "是/word"])
        #expect(pairs("「工会」（总）") == ["「/punctuation", "工会/word", "」/punctuation", "（/punctuation", "总/word", "）/punctuation"])
        #expect(pairs("安德里亚·皮萨诺").contains("·/punctuation"))
    }

    @Test("whitespace of every kind is never a token")
    func whitespace() {
        let s = " 工会\t\u{3000}工会\r\n\u{00A0}ok \u{FEFF}"
        #expect(seg.cut(s) == ["工会", "工会", "ok"])
        #expect(seg.tokens(in: "   \n\t").isEmpty)
        #expect(seg.tokens(in: "").isEmpty)
    }

    @Test("traditional characters, kana, emoji and rare planes segment without trouble")
    func otherScripts() {
        let s = "我們來到臺灣工會，見到了ひらがな😀𠀀𠀁"
        let tokens = seg.tokens(in: s)
        #expect(tokens.map { $0.text(in: s) }.joined() == s.filter { !$0.isWhitespace })
        #expect(tokens.contains { $0.kind == .other && $0.text(in: s) == "😀" })
        #expect(seg.cut("臺灣").joined() == "臺灣")
    }
}
