import Foundation
import Testing
import TuiweiCore
@testable import TuiweiTranscript

/// One written-for-the-test transcript per layout researchers meet: the labels read, the side
/// and official status of each speaker, and colons that are not speakers kept as what they are.
@Suite struct LayoutTests {
    func speaker(_ d: Document, _ label: String) -> Speaker? {
        d.calls.flatMap(\.speakers).first { $0.label == label || $0.aliases.contains(label) }
    }

    func turns(_ d: Document) -> [(String, String)] {
        d.calls.flatMap { c in c.turns.map { (c.speakers[$0.speaker].label, $0.text) } }
    }

    @Test func inlineTurnsInOneParagraph() throws {
        let d = parse("节目实录如下。 主持人:您好，欢迎来到节目。 张大山:你好。 主持人:您在工厂干了多少年? 张大山:二十年了。 主持人:工资拖欠过吗? 张大山:拖欠过三个月。")
        #expect(d.kind == .transcript)
        #expect(turns(d).map(\.0) == ["主持人", "张大山", "主持人", "张大山", "主持人", "张大山"])
        #expect(try #require(speaker(d, "主持人")).side == .questioner)
        let worker = try #require(speaker(d, "张大山"))
        #expect(worker.side == .answerer)
        #expect(!worker.isOfficial, "nothing shows that a worker speaks for a body")
    }

    /// The bundled call with every turn run together in one paragraph, after its recording.
    @Test func aWholeCallInOneParagraphReadsAsTheCall() throws {
        let root = try #require(ProjectLayout.root())
        let text = try String(contentsOfFile: root + "/corpus/000_43baa8c35279a078.txt", encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let header = try #require(lines.firstIndex { $0.hasPrefix("第一通电话") })
        for glue in [" ", ""] {
            let joined = lines[...header].joined(separator: "\n") + "\n" + lines[(header + 1)...].joined(separator: glue)
            let d = parse(joined)
            let call = try #require(d.calls.first)
            #expect(call.officialTurns.count == 62)
            #expect(call.events.first?.kind == .voicemail)
            #expect(call.speakers.first { $0.role == .caller }?.label == "CLB")
            #expect(Accounting.nonBlankScalars(in: d) == Accounting.nonBlankScalars(in: joined))
        }
    }

    @Test func labelsOnTheirOwnLineAfterABulletOrATimestamp() throws {
        let d = parse("""
            - 记者:
            请问欠薪的事情解决了吗?
            - 劳动监察大队工作人员:
            这个我们不清楚，你去问街道吧。
            10:32 记者:
            街道说归你们管。
            10:33 劳动监察大队工作人员:
            那你写个材料过来。
            """)
        #expect(turns(d).map(\.1) == ["请问欠薪的事情解决了吗?", "这个我们不清楚，你去问街道吧。", "街道说归你们管。", "那你写个材料过来。"])
        #expect(try #require(speaker(d, "劳动监察大队工作人员")).isOfficial)
        #expect(try #require(speaker(d, "记者")).side == .questioner)
    }

    @Test func bracketLabelsWithAndWithoutColon() throws {
        let d = parse("""
            国务院新闻办举行新闻发布会，请民政部副部长李明介绍有关情况。
            [新华社记者]李部长，救助资金什么时候发放？
            [李明]资金已经下拨，本月底前发放到位。
            [中央电视台记者]发放情况有没有监督？
            [李明]我们会加强监督检查。
            """)
        #expect(turns(d).count == 4)
        let official = try #require(speaker(d, "李明"))
        #expect(official.isOfficial)
        #expect(official.title == "副部长")
        #expect(official.organisation == "民政部")
        #expect(speaker(d, "新华社记者")?.side == .questioner)
        #expect(speaker(d, "中央电视台记者")?.side == .questioner, "a journalist who asks once is still a questioner")
        let b = parse("[主持人]:欢迎您。\n[王教授]:谢谢。\n[主持人]:工人的处境怎样?\n[王教授]:很难。")
        #expect(turns(b).map(\.0) == ["主持人", "王教授", "主持人", "王教授"])
        #expect(speaker(b, "王教授")?.isOfficial == false)
    }

    @Test func questionAndAnswerLabelsInEitherScript() throws {
        for (q, a) in [("问", "答"), ("問", "答")] {
            let d = parse("外交部发言人例行记者会\n\(q)：中方对此有何评论？\n\(a)：我们的立场是一贯的。\n\(q)：会不会派人出席？\n\(a)：目前我没有可以提供的信息。")
            let answerer = try #require(speaker(d, a))
            #expect(answerer.isOfficial, "a press conference's answers speak for the body")
            #expect(answerer.organisation != a, "the label 答 is not an organisation")
            #expect(speaker(d, q)?.side == .questioner)
            #expect(speaker(d, q)?.organisation == nil)
        }
    }

    @Test func labelsWithASpeechVerb() throws {
        let d = parse("""
            记者来到信访办。
            接待人员说：你要先预约。
            记者：我已经打过电话了。
            接待人员说：那也要预约。
            局长回答：“这个事情我们正在研究。”
            记者：什么时候有结果？
            局长回答：“很快。”
            """)
        #expect(try #require(speaker(d, "接待人员")).aliases.contains("接待人员说"))
        let chief = try #require(speaker(d, "局长"))
        #expect(chief.isOfficial)
        #expect(turns(d).count == 6)
    }

    @Test func nameWithPositionInBrackets() throws {
        let d = parse("王明(局长)：这件事归街道管。\n记者：街道说归你们管。\n王明：那我们再协调一下。")
        let official = try #require(speaker(d, "王明"))
        #expect(official.title == "局长")
        #expect(official.isOfficial)
        #expect(official.department == nil, "a position is not a department")
    }

    @Test func bilingualLabelsAreOneSpeakerAndTheTranslationIsNotScoredAgain() throws {
        let d = parse("""
            外交部发言人赵立坚主持例行记者会

            总台央视记者：中方对会议有何评价？

            CCTV: How does China comment on the meeting?

            赵立坚：会议取得了积极成果。

            Zhao Lijian: The meeting achieved positive results.
            """)
        let official = try #require(speaker(d, "赵立坚"))
        #expect(official.aliases.contains("Zhao Lijian"))
        #expect(official.isOfficial)
        #expect(d.calls[0].officialTurns.count == 1)
        #expect(d.calls[0].turns.filter { $0.attribution == .translation }.count == 2)
    }

    @Test func labelsThatShrinkOrAreMisspelt() throws {
        let d = parse("""
            村民代表 李大有：我们的地被征了。
            记者：补偿款发了吗？
            李大有：没有发。
            记者：找过镇政府吗？
            村民代表：找过，没人管。
            """)
        #expect(d.calls.first?.speakers.count == 2)
        #expect(speaker(d, "李大有")?.isOfficial == false)
        let typo = parse("张主任：你好。\n记者：请问补偿标准是多少？\n张主任：这个要看文件。\n记者：文件在哪里？\n张主仼：在网上。")
        #expect(typo.calls.first?.speakers.count == 2, "张主仼 is a misspelling of 张主任")
    }

    @Test func damagedLabelsAndLostNames() throws {
        let d = parse("记者：工厂什么时候停工的？\n工人;去年十月。\n记者：工资发了吗？\n工人：没有发。")
        #expect(turns(d).map(\.0) == ["记者", "工人", "记者", "工人"])
        let lost = parse("(记:记者 李:李工人)\n:工厂什么时候停工的？\n:去年十月。\n:工资发了吗？\n:没有发。")
        #expect(turns(lost).map(\.0) == ["记", "李", "记", "李"])
        #expect(speaker(lost, "记")?.side == .questioner)
    }

    @Test func colonsThatAreNotSpeakers() throws {
        let d = parse("""
            索引号：0001/2022
            发布机构：某县人社局
            标题：关于欠薪问题的答复
            第一通电话：
            记者：请问欠薪问题处理了吗？
            工作人员：已经处理了。
            解说：记者随后来到工地。
            记者：工程款到位了吗？
            工作人员：到位了。
            """)
        #expect(speaker(d, "索引号") == nil)
        #expect(speaker(d, "发布机构") == nil)
        #expect(speaker(d, "标题") == nil)
        #expect(speaker(d, "解说")?.role == .narrator)
        #expect(d.labels.contains { $0.written == "索引号" && !$0.accepted && $0.reasons.contains { $0.contains("metadata") } })
        #expect(d.calls.count == 1)
        #expect(d.calls[0].header != nil)
    }

    @Test func aLetterRepliesToItsAddressee() throws {
        let d = parse("""
            发布机构：某县人社局
            对县人大第5号建议的答复
            王芳代表：
            您好，您提出的关于根治欠薪的建议收悉。现答复如下：我局将加大劳动监察力度。
            """)
        #expect(d.kind == .transcript)
        let reply = try #require(d.calls.first?.turns.first { $0.role == .official })
        #expect(reply.text.hasPrefix("您好"))
        #expect(d.calls[0].speakers.first { $0.role == .official }?.organisation == "某县人社局")
        #expect(speaker(d, "王芳代表")?.side == .questioner)
    }

    @Test func aQuotedMessageAndReply() throws {
        let d = parse("网友在留言板反映欠薪。留言是：“老板拖欠工资三个月，请领导帮忙。”\n市长热线回复，回复内容是：“您好，经核实，工资已于5月1日发放。”")
        let c = try #require(d.calls.first)
        #expect(c.turns.map(\.role) == [.caller, .official])
        #expect(c.turns[1].text.hasPrefix("您好，经核实"))
        #expect(c.exchanges.count == 1)
    }

    @Test func theAnswererIsNotAssumedFromTheName() throws {
        let d = parse("主持人：请介绍一下您自己。\n韩：我叫韩明，以前在市里当过局长，现在已经离开。\n主持人：您为什么离开？\n韩：因为我不同意他们的做法。")
        let han = try #require(speaker(d, "韩"))
        #expect(han.side == .answerer)
        #expect(!han.isOfficial, "a former office holder does not speak for the body")
        #expect(han.evidence.contains { $0.contains("former") })
    }

    @Test func aDialogueThatCannotBeReadIsNotSilentlyEmpty() {
        let d = parse("甲说：去不去？\n乙说：不去。\n甲说：为什么？")
        #expect(d.status.isAnalysed == (d.calls.count > 0))
        let noisy = parse("说明：以下内容\n备注：无\n说明：待定")
        #expect(noisy.status == .analysed, "metadata and headings are not a failed dialogue")
    }
}
