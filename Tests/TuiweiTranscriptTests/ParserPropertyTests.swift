import Testing
import TuiweiCore
import TuiweiCorpus
@testable import TuiweiTranscript

@Suite struct ParserPropertyTests {
    static let pieces = ["ＣＬＢ：", "CLB:", "工会：", "苏主席:", "韩(韩东方简称韩):", "第一通电话：某市总工会办公室", "第二通电话 某总工会",
                         "请问", "是不是", "我们不太清楚", "。", "，", "？", "：", ":", "∶", " ", "\u{3000}", "\n", "\n", "\n\n", "\r\n",
                         "10", "２０２０年", "AK47", "——电话被挂断——", "[语音答录：", "]", "（", "）", "“", "”", "全文如下：",
                         "我姓李", "这边是办公室", "随后再次拨打，不再接听电话", "a", "\t", "喂", "您好",
                         // Layouts beyond the CLB calls: brackets, 问/答, speech verbs, bare colons, legends,
                         // bilingual labels, letters, quoted replies, metadata and web-page noise.
                         "[王德学]", "[主持人]:", "【网友留言】", "问：", "答：", "問:", "前台人员说：", "局长回答：“", "王明(局长)：",
                         "澎湃新闻记者：", "Wang Wenbin:", "The Paper: ", "(学:学生报 韩:韩东方)", "\n:", "女工;", "解说：",
                         "任海霞代表：", "索引号：", "发布机构: 人社局", "回复内容是，「", "」", "具体留言是「", "9:05 ", "> ", "| |||",
                         "村支书的父亲 杨宇贵：", "Thank you."]

    static func randomText(_ rng: inout SplitMix64) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...80, using: &rng) {
            if Int.random(in: 0..<10, using: &rng) == 0 {
                s.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FA5, using: &rng))!)
            } else {
                s += pieces.randomElement(using: &rng)!
            }
        }
        return s
    }

    @Test func parsingNeverLosesACharacter() {
        var rng = SplitMix64(seed: 20_261_122)
        for _ in 0..<1500 {
            let text = Self.randomText(&rng)
            let d = parse(text)
            let expected = Accounting.nonBlankScalars(in: text)
            #expect(Accounting.nonBlankScalars(in: d) == expected, "input: \(text.debugDescription)")
            if Accounting.nonBlankScalars(in: d) != expected { break }
            for c in d.calls {
                #expect(c.turns.enumerated().allSatisfy { $0.offset == $0.element.index })
                #expect(c.turns.allSatisfy { $0.speaker < c.speakers.count })
            }
        }
    }

    @Test func everyTurnOffsetMapsBackToTheSameCharacter() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let text = Self.randomText(&rng)
            let source = SourceText(id: "t", path: "t", encoding: "UTF-8", text: text)
            let d = TranscriptParser.parse(source)
            for t in d.calls.flatMap(\.turns) {
                for (offset, scalar) in t.text.unicodeScalars.enumerated() where scalar != "\n" && scalar != " " {
                    let loc = t.passage.map.location(at: offset)
                    #expect(source.lines[loc.line - 1].scalars[loc.column - 1] == scalar)
                }
            }
        }
    }
}
