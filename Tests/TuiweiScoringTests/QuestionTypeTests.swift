import Testing
import TuiweiCore
@testable import TuiweiScoring

@Suite struct QuestionTypeTests {
    @Test(arguments: [
        ("你们工会了解这个情况吗？", QuestionType.yesNo),
        ("那是在哪个区啊？因为我们看到的是你们。", .which),
        ("这个发生疫情的公司，是在你们巴南区啊？", .yesNo),
        ("那工会在这里面是怎么个参与法啊？", .open),
        ("你们了解不了解？", .yesNo),
        ("有没有到企业去？", .yesNo),
        ("请问您贵姓啊？", .which),
        ("您好。我是从中国劳工通讯打来电话啊。", .none),
        ("规模以上企业有多少家？", .which),
        ("", .none),
    ])
    func classifies(text: String, expected: QuestionType) {
        #expect(shipped.questionType(of: text) == expected)
    }

    @Test func containsWhenAndOnlyWhenSomethingMatches() {
        let matcher = PhraseMatcher(terms: ["多少", "多少钱", "哪", "是不是", "几", "ｏｋ"])
        let pieces = ["多", "少", "钱", "哪", "是", "不", "几", "OK", "ok", "ｏ", "k", "，"]
        var rng = SplitMix64(seed: 8)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
            let s = foldedScalars(text)
            #expect(matcher.contains(in: s) == !matcher.matches(in: s).isEmpty)
        }
    }
}
