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
}
