import Testing
@testable import TuiweiSegmentation

@Suite("Word graph and best path")
struct WordGraphTests {
    let seg = Shipped.segmenter

    @Test("dictionary words on the best path", arguments: [
        ("我来到北京清华大学", ["我", "来到", "北京", "清华大学"]),
        ("工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
         ["工信处", "女干事", "每月", "经过", "下属", "科室", "都", "要", "亲口", "交代", "24", "口", "交换机", "等",
          "技术性", "器件", "的", "安装", "工作"]),
        ("结婚的和尚未结婚的", ["结婚", "的", "和", "尚未", "结婚", "的"]),
        ("请问是巴南区总工会吗", ["请问", "是", "巴南区", "总工会", "吗"]),
    ])
    func bestPath(text: String, expected: [String]) {
        #expect(seg.cut(text, hmm: false) == expected)
        #expect(seg.cut(text) == expected)
    }

    @Test("a dictionary word mixing Latin and ideographs is one word, a Latin run is never cut inside")
    func mixedDictionaryWords() {
        #expect(seg.cut("做B超检查") == ["做", "B超", "检查"])
        let tokens = seg.tokens(in: "做B超检查")
        #expect(tokens[1].kind == .word)
        // "AK" alone is not allowed to split "AK47" even if a word starts with it.
        #expect(seg.cut("AK47步枪") == ["AK47", "步枪"])
    }

    @Test("the HMM groups characters the dictionary leaves single")
    func hmmOnUnknownNames() {
        #expect(seg.cut("他来到了网易杭研大厦") == ["他", "来到", "了", "网易", "杭研", "大厦"])
        #expect(seg.cut("他来到了网易杭研大厦", hmm: false) == ["他", "来到", "了", "网易", "杭", "研", "大厦"])
        // A transliterated foreign name the dictionary does not have.
        let name = seg.cut("小明硕士毕业于中国科学院计算所，后在日本京都大学深造")
        #expect(name.contains("小明"))
        #expect(name.contains("计算所"))
    }

    @Test("trie lookups agree with the dictionary file")
    func frequencies() {
        #expect(seg.frequency(of: "清华大学") == 922)
        #expect(seg.frequency(of: "的") == 318825)
        #expect(seg.frequency(of: "清华大") == 0)  // a prefix only
        #expect(seg.totalFrequency == 60_101_967)
    }

    @Test("numerals and demonstratives are cut from the measure word after them, unless asked not to")
    func measureWords() {
        let text = "这个工会有一个主席，第一次开会，两种办法，每次都说一直在做，各位"
        #expect(seg.cut(text) == ["这", "个", "工会", "有", "一", "个", "主席", "，", "第一", "次", "开会", "，", "两", "种", "办法",
                                  "，", "每", "次", "都", "说", "一直", "在", "做", "，", "各位"])
        let kept = seg.words(in: text, options: .init(separateMeasureWords: false))
        #expect(kept.contains("这个") && kept.contains("一个") && kept.contains("第一次") && kept.contains("两种"))
    }
}
