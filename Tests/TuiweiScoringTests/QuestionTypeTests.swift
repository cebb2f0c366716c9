import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiScoring

@Suite struct QuestionTypeTests {
    @Test(arguments: [
        ("你们工会了解这个情况吗？", QuestionType.yesNo),
        ("那是在哪个区啊？因为我们看到的是你们。", .where),
        ("这个发生疫情的公司，是在你们巴南区啊？", .yesNo),
        ("那工会在这里面是怎么个参与法啊？", .how),
        ("你们了解不了解？", .yesNo),
        ("有没有到企业去？", .yesNo),
        ("请问您贵姓啊？", .who),
        ("您好。我是从中国劳工通讯打来电话啊。", .none),
        ("规模以上企业有多少家？", .howMany),
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
            let s = TextNormaliser.widthScalars(text)
            #expect(matcher.contains(in: s) == !matcher.matches(in: s).isEmpty)
        }
    }
}

@Suite struct QuestionJudgedAnswerTests {
    let scorer = AnswerScorer(resources: shipped)

    @Test(arguments: [
        ("请问是市总工会吗？", QuestionType.identity),
        ("你们是工会，对吧？", .tag),
        ("能不能帮我转一下王主任？", .request),
        ("你们一共有多少家企业？", .howMany),
        ("这个通知是什么时候发的？", .when),
        ("这个厂在哪里？", .where),
        ("负责这件事的是谁？", .who),
        ("这归哪个部门管？", .which),
        ("为什么不让工人复工？", .why),
        ("工会是怎么参与的？", .how),
        ("你知道有多少家企业复工了吗？", .howMany),
        ("那是在哪个区啊？因为我们看到的是你们。", .where),
    ])
    func classifies(text: String, expected: QuestionType) {
        #expect(shipped.questionType(of: text) == expected)
    }

    func answer(_ question: String, _ answer: String) -> AnswerScore {
        scorer.score(AnswerContext(document: "t", call: 1, turn: 1, officialTurn: 1, question: question,
                                   questionWords: words(question), answer: answer, answerWords: words(answer), detections: []))
    }

    /// Characters as words: enough for content-word counts in these tests.
    func words(_ s: String) -> [String] { s.unicodeScalars.map { String($0) } }

    @Test func yesOrNoToAYesNoQuestionIsDirect() throws {
        let s = answer("你们工会有没有到企业去？", "没有，还没去。")
        let d = try #require(s.detections.first { $0.code == .direct })
        #expect(d.text == "没有" && d.range == 0..<2)
        #expect(d.rule.description == "question:yes-no")
        #expect(s.contributions.contains { $0.feature == "answer.DIRECT" })
    }

    @Test func aNumberToAHowManyQuestionIsSpecificAndDirectWithTheWholeNumber() throws {
        let s = answer("规模以上企业有多少家？", "规模以上企业大概有29家。")
        let specific = try #require(s.detections.first { $0.code == .specific })
        #expect(specific.text == "29家")
        #expect(s.detections.contains { $0.code == .direct && $0.text == "29家" })
        let big = answer("来了多少人？", "来了1000多人。")
        #expect(big.detections.first { $0.code == .specific }?.text == "1000多")
    }

    @Test func aDateToAWhenQuestionIsSpecific() {
        let s = answer("通知是什么时候发的？", "十一月初发的。")
        #expect(Set(s.detections.map(\.code)).isSuperset(of: [.specific, .direct]))
    }

    @Test func namingAnotherOfficeToAWhichOfficeQuestionIsDirect() {
        let q = "这件事归哪个部门管？"
        let a = "这个归人社局管。"
        let referral = Detection(code: .jurisdiction, text: "归人社局管", range: 2..<7,
                                 location: SourceLocation(document: "t", line: 1, column: 1),
                                 rule: RuleReference(file: "x.tsv", line: 1), weight: 1)
        let s = scorer.score(AnswerContext(document: "t", call: 1, turn: 1, officialTurn: 1, question: q,
                                           questionWords: words(q), answer: a, answerWords: ["这个", "归", "人社局", "管"],
                                           detections: [referral]))
        #expect(s.detections.contains { $0.code == .direct && $0.text == "人社局" })
        #expect(s.detections.contains { $0.code == .jurisdiction })
    }

    @Test func aBackchannelAfterATagIsNotGraded() {
        let s = answer("这个也是你们的工作，对吧？", "嗯嗯嗯。")
        #expect(s.grade == nil)
        #expect(!s.detections.contains { $0.code == .direct })
        // The same sound after a real yes/no question answers it.
        let real = answer("你们发通知了吗？", "嗯。")
        #expect(real.grade != nil)
    }

    @Test func okayAgreesToARequestButDoesNotAnswerAQuestion() {
        let question = answer("你们医院收治了伤员吗？", "好，这事我们领导都说了。")
        #expect(!question.detections.contains { $0.code == .direct })
        let request = answer("能不能帮我转一下王主任？", "好，我帮你转。")
        #expect(request.detections.contains { $0.code == .direct && $0.text == "好" })
        let asked = answer("这样安排好不好？", "好，就这么办。")
        #expect(asked.detections.contains { $0.code == .direct })
    }

    @Test func aNumberDoesNotAnswerAWhyQuestion() {
        let s = answer("为什么不复工？", "有3家还在排查。")
        #expect(!s.detections.contains { $0.code == .direct && $0.rule.file.hasPrefix("question:") })
    }
}
