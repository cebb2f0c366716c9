import Testing
import TuiweiCore
@testable import TuiweiTranscript

func parse(_ text: String) -> Document { TranscriptReader.parse(text: text, id: "t", path: "t.txt") }

@Suite struct FormatVariantTests {
    /// An answerer shown official by the calls' headers alone is said to be so by the first
    /// header's body, whichever order the bodies would take in a set.
    @Test func theHeaderEvidenceNamesTheFirstHeadersBody() throws {
        for (first, second) in [("甲市总工会", "乙市总工会"), ("乙市总工会", "甲市总工会")] {
            let d = parse("""
                第一通电话 \(first)
                CLB：喂，你好，请问工资拖欠的事情你们管不管？
                王某：这个不归我们管。
                CLB：那应该找谁呢？
                王某：你去找劳动局吧。

                第二通电话 \(second)
                CLB：你好，请问工会能不能帮助职工维权？
                王某：我们不清楚。
                """)
            #expect(d.calls.count == 2)
            for call in d.calls {
                let official = try #require(call.speakers.first { $0.label == "王某" })
                #expect(official.role == .official)
                #expect(official.evidence.contains("official: the call's header names '\(first)'"))
            }
        }
    }

    @Test func labelAloneOnItsLineTakesTheSpeechBelow() throws {
        let d = parse("""
            记者：
            请问是区总工会吗？
            区总工会：
            是的，
            请讲。
            记者：
            好的。
            区总工会：
            嗯。
            """)
        #expect(d.kind == .transcript)
        let call = try #require(d.calls.first)
        #expect(call.turns.map(\.text) == ["请问是区总工会吗？", "是的，请讲。", "好的。", "嗯。"])
    }

    @Test func severalTurnsOnOneLine() {
        let d = parse("""
            韩:您好，请问是市总工会吗？ 苏主席:是的。 韩:我想问一下。
            苏主席:你问吧。
            """)
        let turns = d.calls[0].turns
        #expect(turns.map(\.text) == ["您好，请问是市总工会吗？", "是的。", "我想问一下。", "你问吧。"])
        #expect(turns.map { d.calls[0].speakers[$0.speaker].label } == ["韩", "苏主席", "韩", "苏主席"])
    }

    @Test func labelDefinedOnFirstUseAndOnePersonUnderTwoLabels() throws {
        let d = parse("""
            韩(韩东方简称韩):你好，我是从中国劳工通讯打来电话，想请教一下。
            工会苏主席:你好。
            韩:请问工会有没有介入？
            苏主席:这个不太清楚。
            韩:好的，谢谢。
            苏主席:再见。
            """)
        let call = d.calls[0]
        #expect(call.speakers.count == 2)
        let official = try #require(call.speakers.first { $0.label == "苏主席" })
        #expect(Set(official.aliases) == ["工会苏主席", "苏主席"])
        #expect(official.role == .official)
        let caller = try #require(call.speakers.first { $0.label == "韩" })
        #expect(caller.role == .caller)
        #expect(caller.surname == "韩")
        #expect(call.turns[0].text == "你好，我是从中国劳工通讯打来电话，想请教一下。")
    }

    @Test func narrationEndingInAColonIsNotASpeaker() {
        let d = parse("""
            全文如下：
            出席嘉宾：张三、李四
            ＣＬＢ：请问是工会吗？
            工会：是。
            ＣＬＢ：谢谢。
            工会：不客气。
            """)
        #expect(d.kind == .transcript)
        #expect(d.calls[0].speakers.map(\.label).sorted() == ["CLB", "工会"])
        #expect(d.preamble.map(\.text).joined().contains("出席嘉宾"))
    }

    @Test func wrappedLinesRejoinAndPageNumbersAreNoise() {
        let d = parse("""
            ＣＬＢ：请问贵单位有没有对这个问题进行过专门的调查研究和相应处理呢？还是
            说没有？

            12

            工会：没有，我们还没有做这方面的工作，因为当时情况比较复杂，人手不够
            的情况下，没法做。
            ＣＬＢ：好的。
            工会：嗯。
            """)
        let turns = d.calls[0].turns
        #expect(turns[0].text == "请问贵单位有没有对这个问题进行过专门的调查研究和相应处理呢？还是说没有？")
        #expect(turns[1].text.hasSuffix("人手不够的情况下，没法做。"))
        #expect(d.noise.map(\.line) == [4])
        #expect(turns[1].passage.map.location(at: turns[1].text.unicodeScalars.count - 1).line == 7)
    }

    @Test func unlabeledParagraphContinuingASpeakerIsAttached() throws {
        // The official's answer is interrupted by a short final line, then an unlabeled paragraph.
        let d = parse("""
            ＣＬＢ：请问工会这边有没有开始计划，建立这种每天的会议制度，来及时掌握复工的情况呢？
            工会：这个要看领导安排。
            我们也会尽量配合，大家一起把这个工作做好，这是我们应该做的事情，对不对啊。
            ＣＬＢ：好的，谢谢。
            工会：再见。
            """)
        let answer = d.calls[0].turns[1]
        #expect(answer.attribution == .continuation)
        #expect(answer.text == "这个要看领导安排。\n我们也会尽量配合，大家一起把这个工作做好，这是我们应该做的事情，对不对啊。")
        #expect(d.calls[0].unattributed.isEmpty)
    }

    @Test func unlabeledParagraphBetweenTwoTurnsOfTheSameSpeakerIsKeptUnattributed() {
        let d = parse("""
            ＣＬＢ：请问工会这边有没有开始计划，建立这种每天的会议制度，来及时掌握复工的情况呢？
            工会：没有。
            这个问题我也回答不了，需要问一下我们的上级部门，他们那边可能比较清楚一点吧。
            工会：你还有别的事吗？
            ＣＬＢ：没有了。
            """)
        #expect(d.calls[0].unattributed.count == 1)
        #expect(d.calls[0].unattributed[0].text.hasPrefix("这个问题我也回答不了"))
        #expect(d.diagnostics.contains { $0.severity == .warning && $0.line == 3 })
        #expect(d.calls[0].turns[1].text == "没有。")
    }

    @Test func callHeadersSplitCallsAndCarryMetadata() {
        let d = parse("""
            第一通电话：某某市总工会办公室王先生
            某某市总工会：喂。
            ＣＬＢ：您好，我是中国劳工通讯的。
            ——电话被挂断——
            第二通电话 某某市总工会 法律工作部
            某某市总工会：你好。
            ＣＬＢ：您好。
            """)
        #expect(d.calls.count == 2)
        #expect(d.calls[0].organisation == "某某市总工会")
        #expect(d.calls[0].department == "办公室")
        #expect(d.calls[0].person == "王先生")
        #expect(d.calls[0].speakers.first { $0.role == .official }?.surname == "王")
        #expect(d.calls[0].events.map(\.kind) == [.hangUp])
        #expect(d.calls[1].department == "法律工作部")
        #expect(d.calls[1].speakers.first { $0.role == .official }?.department == "法律工作部")
    }

    @Test func voicemailOverSeveralLinesIsOneEvent() {
        let d = parse("""
            第一通电话：某区总工会
            [语音答录：您好，欢迎致电，
            请在提示音后留言。]
            某区总工会：喂？
            ＣＬＢ：您好，请问是某区总工会吗？
            某区总工会：是。
            ＣＬＢ：谢谢。
            """)
        #expect(d.calls[0].events.count == 1)
        #expect(d.calls[0].events[0].kind == .voicemail)
        #expect(d.calls[0].events[0].passage.text.hasSuffix("留言。]"))
        #expect(d.calls[0].turns.count == 4)
    }

    @Test func departmentIsNotReadFromANegation() {
        #expect(SpeakerAttributes.selfStatedDepartment("我这儿不是办公室", .standard) == nil)
        #expect(SpeakerAttributes.selfStatedDepartment("这边是办公室。", .standard) == "办公室")
        // Every opener leads to the department, wherever 是 first appears in the turn.
        #expect(SpeakerAttributes.selfStatedDepartment("是的，我们是劳动和经济工作部", .standard) == "劳动和经济工作部")
        #expect(SpeakerAttributes.selfStatedDepartment("你好，这里是组织部", .standard) == "组织部")
        #expect(SpeakerAttributes.selfStatedDepartment("我这是办公室", .standard) == "办公室")
        #expect(SpeakerAttributes.selfStatedSurname("免贵姓李。", .standard) == "李")
        #expect(SpeakerAttributes.selfStatedSurname("请问您贵姓啊？", .standard) == nil)
    }

    @Test func textWithoutLabelsIsNotATranscript() {
        let d = parse("今天天气很好。\n我们去公园散步。")
        #expect(d.kind != .transcript)
        #expect(d.paragraphs.count >= 1)
    }
}
