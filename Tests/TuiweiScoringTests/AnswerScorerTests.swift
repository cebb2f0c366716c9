import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiScoring

@Suite struct AnswerScorerTests {
    let scorer = AnswerScorer(resources: testResources)

    @Test func deflectionLowersTheScoreAndNamesItsRule() {
        let answer = "这个我们不是太清楚。"
        let plain = scorer.score(context(question: "你们了解情况吗？", answer: answer))
        let deflected = scorer.score(context(question: "你们了解情况吗？", answer: answer,
                                             detections: [detect(.ignorance, "不是太清楚", in: answer)]))
        #expect(deflected.score < plain.score)
        let c = try! #require(deflected.contributions.first { $0.feature == "deflection.IGNORANCE" })
        #expect(c.points == testResources.weights["deflection.IGNORANCE"])
        #expect(c.detail.contains("不是太清楚") && c.detail.contains("lexicons/test.tsv:1"))
        #expect(deflected.grade == 0)
    }

    @Test func detectionWeightScalesAndRepeatsAreDamped() {
        let answer = "不清楚，真的不清楚。"
        let d1 = detect(.ignorance, "不清楚", in: answer, weight: 0.5)
        let d2 = Detection(code: .ignorance, text: "不清楚", range: 6..<9, location: d1.location, rule: d1.rule, weight: 0.5)
        let s = scorer.score(context(question: "", answer: answer, detections: [d1, d2]))
        let expected = testResources.weights["deflection.IGNORANCE"] * 0.5 * (1 + testResources.weights["deflection.repeat"])
        #expect(abs(points(s, "deflection.IGNORANCE")! - expected) < 1e-9)
    }

    @Test func answerSignalsRaiseTheScore() {
        let answer = "有界石工业园区，有29家企业。"
        let base = scorer.score(context(question: "那是在哪个区啊？", answer: answer))
        let signalled = scorer.score(context(question: "那是在哪个区啊？", answer: answer,
                                             detections: [detect(.direct, "有界石工业园区", in: answer), detect(.specific, "29家", in: answer)]))
        #expect(signalled.score > base.score)
        #expect(points(signalled, "answer.DIRECT") == testResources.weights["answer.DIRECT"])
        #expect(points(signalled, "answer.SPECIFIC") == testResources.weights["answer.SPECIFIC"])
        #expect(signalled.grade == 3)
    }

    @Test func yesNoQuestionAnsweredWithYesOrNo() {
        let answered = scorer.score(context(question: "你们有没有到企业去？", answer: "呃，目前没有，因为人比较少。"))
        #expect(points(answered, "question.yesno.answered") == testResources.weights["question.yesno.answered"])
        let evaded = scorer.score(context(question: "你们有没有到企业去？", answer: "疫情防控是最重要的工作。"))
        #expect(points(evaded, "question.yesno.unanswered") == testResources.weights["question.yesno.unanswered"])
        #expect(answered.score > evaded.score)
    }

    @Test func bareAssentToAYesNoQuestionIsGradedButBareAssentToAStatementIsNot() {
        let yes = scorer.score(context(question: "是在巴南区里面，就是地理位置？", answer: "嗯。"))
        #expect(yes.grade == 3)
        let courtesy = scorer.score(context(question: "通讯。", answer: "通讯啊，好的。好的。", answerWords: ["通讯", "啊", "，", "好的", "。", "好的", "。"]))
        #expect(courtesy.grade == nil)
        let greeting = scorer.score(context(question: "", answer: "喂，您好。", answerWords: ["喂", "，", "您好", "。"]))
        #expect(greeting.grade == nil)
        let thanks = scorer.score(context(question: "那多保重啊。", answer: "谢谢您这些非常急切的建议，也谢谢您非常关心我们的工作人员。"))
        #expect(thanks.grade == nil)
        // A 好吧 at the end of an explanation does not make it courtesy.
        let explained = scorer.score(context(question: "网上有。", answer: "网上公布的时候会知道这电话是哪个部门的呀，好吧。"))
        #expect(explained.grade != nil)
        #expect(points(greeting, "content.none") == testResources.weights["content.none"])
    }

    @Test func whichQuestionWantsAFact() {
        let fact = scorer.score(context(question: "您这个部门是什么部门啊？", answer: "这边是办公室。"))
        #expect(points(fact, "question.which.answered") == testResources.weights["question.which.answered"])
        let number = scorer.score(context(question: "规模以上企业有多少家？", answer: "大概有二十九家吧。"))
        #expect(number.contributions.contains { $0.feature == "question.which.answered" && $0.detail.contains("二十九家") })
        let answer = "这个不是很清楚。"
        let dodge = scorer.score(context(question: "规模以上企业有多少家？", answer: answer,
                                         detections: [detect(.ignorance, "不是很清楚", in: answer)]))
        #expect(points(dodge, "question.which.unanswered") == testResources.weights["question.which.unanswered"])
        // 一个 is not a number.
        #expect(AnswerScorer(resources: testResources).firstNumber(TextNormaliser.widthScalars("我们发了一个通知")) == nil)
        #expect(AnswerScorer(resources: testResources).firstNumber(TextNormaliser.widthScalars("十一月初下过通知")) == "十一月")
    }

    @Test func overlapRewardsTakingUpTheQuestionWords() {
        let q = ["大足", "工业园区", "在", "巴南", "吗", "？"]
        let on = scorer.score(context(question: "大足工业园区在巴南吗？", questionWords: q,
                                      answer: "大足工业园区没有在巴南。", answerWords: ["大足", "工业园区", "没有", "在", "巴南", "。"]))
        let share = points(on, "overlap")!
        #expect(abs(share - testResources.weights["overlap"]) < 1e-9)  // all three content words taken up
        let off = scorer.score(context(question: "大足工业园区在巴南吗？", questionWords: q,
                                       answer: "防控工作很重要。", answerWords: ["防控", "工作", "很", "重要", "。"]))
        #expect(points(off, "overlap") == nil)
    }

    @Test func contentIsCountedBeyondFillersAndCapped() {
        let short = scorer.score(context(question: "", answer: "嗯，呃，这个。", answerWords: ["嗯", "，", "呃", "，", "这个", "。"]))
        #expect(points(short, "content.per_word") == nil)
        let long = String(repeating: "企业职工工会", count: 20)
        let s = scorer.score(context(question: "", answer: long))
        #expect(points(s, "content.per_word") == abs(testResources.weights["content.max"]))
    }

    @Test func hedgesAddUpToTheirCap() {
        let answer = "可能应该好像估计大概可能"
        let ds = ["可能", "应该", "好像", "估计", "大概"].map { detect(.hedge, $0, in: answer) }
        let s = scorer.score(context(question: "", answer: answer, detections: ds))
        #expect(points(s, "hedge") == -abs(testResources.weights["hedge.max"]))
        let one = scorer.score(context(question: "", answer: answer, detections: [ds[0]]))
        #expect(points(one, "hedge") == testResources.weights["hedge"])
    }

    @Test func hangUpAfterTheTurnScoresIt() {
        let s = scorer.score(context(question: "你们了解吗？", answer: "这个你问别人吧。", events: [.hangUp]))
        #expect(points(s, "event.hang-up") == testResources.weights["event.hang-up"])
        #expect(s.grade == 0)
    }

    @Test func scoreIsClampedAndEqualsTheSumOfContributions() {
        let answer = "不清楚，不知道，你问别人。"
        let s = scorer.score(context(question: "你们了解吗？", answer: answer,
                                     detections: [detect(.ignorance, "不清楚", in: answer), detect(.referral, "你问别人", in: answer),
                                                  detect(.termination, "。", in: answer)], events: [.hangUp]))
        #expect(s.score == 0)
        let ok = scorer.score(context(question: "你们怎么看？", answer: "了解，我们了解。"))
        #expect(ok.score > 0 && ok.score < 100)
        #expect(abs(ok.score - ok.contributions.reduce(0) { $0 + $1.points }) < 0.051)
    }
}

@Suite struct AnswerScorerPropertyTests {
    /// Random turns with random detections: every score stays in 0–100, equals its clamped
    /// contributions, and its grade follows the thresholds.
    @Test func scoresAreBoundedExplainedAndGradedByThresholds() {
        var rng = SplitMix64(seed: 42)
        let pieces = ["不太清楚", "你问别人", "对", "没有", "可能", "29家", "政府统一管理", "嗯", "您好", "，", "。", "？", "职工", "工会"]
        let questions = ["你们了解吗？", "有多少家？", "怎么参与的？", "好的。", ""]
        let scorer = AnswerScorer(resources: testResources)
        let t = testResources.weights.gradeThresholds
        for _ in 0..<500 {
            let answer = (0..<Int(rng.next() % 8 + 1)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            var detections: [Detection] = []
            for _ in 0..<Int(rng.next() % 4) {
                let code = Code.allCases[Int(rng.next() % UInt64(Code.allCases.count))]
                detections.append(detect(code, String(answer.prefix(2)), in: answer, weight: Double(rng.next() % 3) / 2))
            }
            let events: [Event.Kind] = rng.next() % 10 == 0 ? [.hangUp] : []
            let s = scorer.score(context(question: questions[Int(rng.next() % UInt64(questions.count))], answer: answer,
                                         detections: detections, events: events))
            #expect(s.score >= 0 && s.score <= 100)
            let total = s.contributions.reduce(0) { $0 + $1.points }
            #expect(abs(s.score - min(100, max(0, total))) < 0.051)
            if let g = s.grade {
                let expected = s.score >= t.three ? 3 : s.score >= t.two ? 2 : s.score >= t.one ? 1 : 0
                #expect(g == expected)
            }
            #expect(s.contributions.allSatisfy { $0.points != 0 && (ScoringWeights.knownFeatures.contains($0.feature)) })
        }
    }
}
