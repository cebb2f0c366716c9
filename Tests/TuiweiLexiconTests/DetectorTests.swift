import Testing
import TuiweiCore
@testable import TuiweiLexicon

/// One written-for-the-test sentence per code, run through the shipped lexicons.
@Suite struct ShippedLexiconCodeTests {
    @Test(arguments: [
        (Code.ignorance, "这个情况我们确实不太了解。"),
        (.referral, "这个事您得去问一下人社局，不是我们这个科室负责的。"),
        (.jurisdiction, "那家企业的工会不归我们管，组织关系也没有在我们这里。"),
        (.deferUp, "这个我要先给主席请示一下。"),
        (.deferAdmin, "企业复工都是由街道办来统一审批的。"),
        (.nonCommitment, "这个我真的不敢跟你保证。"),
        (.gatekeeping, "你有没有正式的采访手续？"),
        (.resourceExcuse, "我们这边人手太少了，根本顾不过来。"),
        (.vagueFuture, "后续我们肯定会有相应的安排。"),
        (.boilerplate, "我们一定同舟共济、共克时艰。"),
        (.counterQuestion, "你们是什么机构啊？"),
        (.termination, "好吧，就这样吧。"),
        (.hedge, "他们大概已经复工了。"),
        (.backchannel, "嗯嗯。"),
        (.direct, "没有，我们没有收到。"),
        (.specific, "一共有35家企业建了工会。"),
        (.acknowledge, "您讲得对，这个问题确实存在。"),
        (.commit, "好的，这个我记下来，会帮您转达。"),
    ])
    func code(code: Code, sentence: String) {
        #expect(shippedDetector.codes(sentence).contains(code), "\(sentence) → \(shippedDetector.codes(sentence))")
    }

    @Test func plainAnswerHasNoDeflection() {
        let codes = shippedDetector.codes("我们上个月给全区企业发了防疫物资。")
        #expect(codes.allSatisfy { $0.kind != .deflection }, "\(codes)")
    }

    @Test func traditionalScriptIsDetected() {
        #expect(shippedDetector.codes("這個我們不是很清楚，你得問一下組織部。").isSuperset(of: [.ignorance, .referral]))
    }
}

@Suite struct ContextRuleTests {
    @Test func callerTurnsAreNeverFlagged() {
        let text = "你们是不是不清楚？要不要给领导汇报一下？"
        #expect(shippedDetector.codes(text, role: .caller).isEmpty)
        #expect(shippedDetector.codes(text, role: .unknown).isEmpty)
        #expect(!shippedDetector.codes(text).isEmpty)
    }

    @Test func negatedRefusalIsNotARefusal() {
        #expect(!shippedDetector.codes("这个也不是说不可以做。").contains(.nonCommitment))
        #expect(shippedDetector.codes("这个不可以做。").contains(.nonCommitment))
    }

    @Test func negationCueWindowComesFromTheLexicon() {
        let d = detector("NEGATION\t不是说\t2\nDEFER_UP\t给领导汇报\n")
        #expect(d.codes("不是说给领导汇报").isEmpty)
        #expect(d.codes("不是说我要给领导汇报").isEmpty)          // 2 characters between
        #expect(d.codes("不是说我们都要给领导汇报") == [.deferUp])  // 4: too far
        #expect(d.codes("不是说，给领导汇报") == [.deferUp])         // punctuation stops it
    }

    @Test func anchoredCueDoesNotFireInsideAWord() {
        // 要是 (if) is a NEGATION cue, but not inside 主要是; word boundaries from the segmenter tell.
        let text = "这个主要是人社部门在负责。"
        let tokens = [0..<2, 2..<4, 4..<5, 5..<7, 7..<9, 9..<10, 10..<12, 12..<13]
        let codes = Set(shippedDetector.detect(in: turn(text), tokens: tokens).map(\.code))
        #expect(codes.contains(.deferAdmin))
        let conditional = "要是人社部门在负责就好了。"
        let condTokens = [0..<2, 2..<4, 4..<6, 6..<7, 7..<9, 9..<10, 10..<11, 11..<12, 12..<13]
        #expect(!Set(shippedDetector.detect(in: turn(conditional), tokens: condTokens).map(\.code)).contains(.deferAdmin))
    }

    @Test func negatedHedgeIsNoHedge() {
        #expect(!shippedDetector.codes("他是不可能两边都报的。").contains(.hedge))
        #expect(shippedDetector.codes("他可能两边都报了。").contains(.hedge))
    }

    @Test func quotedWordsDoNotCount() {
        #expect(!shippedDetector.codes("网上有人写“工会不清楚”，这不对。").contains(.ignorance))
        #expect(shippedDetector.codes("工会不清楚。").contains(.ignorance))
    }

    @Test func reportedSpeechDoesNotCount() {
        #expect(!shippedDetector.codes("他们说工会不清楚，我们是知道的。").contains(.ignorance))
        #expect(!shippedDetector.codes("你刚才说：工会人手不够，所以不管。").contains(.resourceExcuse))
        // "你说的…" names the caller's point; it is not reported speech.
        #expect(shippedDetector.codes("你说的有道理。").contains(.acknowledge))
    }

    @Test func reportedScopeEndsWithTheClause() {
        let d = detector("REPORTED\t他们说\nIGNORANCE\t不清楚\n")
        #expect(d.codes("他们说不清楚").isEmpty)
        #expect(d.codes("他们说好了，我们不清楚") == [.ignorance])
        let wide = detector("REPORTED:sentence\t他们说\nIGNORANCE\t不清楚\n")
        #expect(wide.codes("他们说好了，我们不清楚").isEmpty)
        #expect(wide.codes("他们说好了。我们不清楚") == [.ignorance])
    }

    @Test func counterQuestionNeedsAQuestion() {
        #expect(shippedDetector.codes("你对基层工会了解吗？").contains(.counterQuestion))
        #expect(!shippedDetector.codes("你对基层工会了解不少。").contains(.counterQuestion))
        // Without a closing mark, a final question particle counts.
        #expect(shippedDetector.codes("你对基层工会了解吗").contains(.counterQuestion))
    }

    @Test func backchannelOnlyWhenAlone() {
        #expect(shippedDetector.codes("嗯，对。").contains(.backchannel))
        #expect(!shippedDetector.codes("对，我们这边人手不够。").contains(.backchannel))
    }

    @Test func startConditionSkipsFillersOnly() {
        let d = detector("DIRECT:start\t没有，\n")
        #expect(d.codes("嗯，没有，还没发。") == [.direct])
        #expect(d.codes("他说没有，还没发。").isEmpty)
    }

    @Test func longerPhraseOfTheSameKindWins() {
        let d = detector("IGNORANCE\t不清楚\nREFERRAL\t他们那边不清楚的话就问他们\n")
        #expect(d.codes("他们那边不清楚的话就问他们") == [.referral])
        // A modifier inside a deflection is kept.
        let h = detector("HEDGE\t可能\nREFERRAL\t那边可能更清楚\n")
        #expect(h.codes("那边可能更清楚") == [.hedge, .referral])
    }

    @Test func detectionCarriesSpanLocationAndRule() throws {
        let d = detector("# header\nIGNORANCE\t不(太)?清楚\t2\n", file: "lex/ignorance.tsv")
        let found = d.detect(in: turn("嗯，我不太清楚。"))
        let x = try #require(found.first)
        #expect(found.count == 1)
        #expect(x.code == .ignorance)
        #expect(x.text == "不太清楚")
        #expect(x.range == 3..<7)
        #expect(x.location == SourceLocation(document: "t", line: 7, column: 8))
        #expect(x.rule == RuleReference(file: "lex/ignorance.tsv", line: 2))
        #expect(x.weight == 2)
    }

    @Test func hangUpEventTerminatesTheLastOfficialTurn() throws {
        let turns = [turn("你正常途径联系吧。", index: 0), turn("我其实没有别的……", role: .caller, index: 1)]
        let event = Event(kind: .hangUp, passage: Passage(text: "——电话被挂断——", map: SourceMap(document: "t", pieces: [.init(offset: 0, line: 51, column: 1, length: 9)])), afterTurn: 1)
        let call = Call(index: 1, header: nil, organisation: nil, department: nil, person: nil, speakers: [],
                        turns: turns, events: [event], exchanges: [], unattributed: [])
        let found = shippedDetector.eventDetections(in: call)
        let first = try #require(found.first)
        #expect(first.turn == 0)
        #expect(first.detection.code == .termination)
        #expect(first.detection.location.line == 51)
        #expect(first.detection.range == 9..<9)
        // Event entries never fire on speech.
        #expect(!shippedDetector.codes("电话被挂断了").contains(.termination))
    }
}
