import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TuiweiTestSupport
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring
@testable import TuiweiReports

@Suite struct JSONLinesReportTests {
    @Test func everyLineIsJSONWithItsType() throws {
        let text = Fixture.file("analysis.jsonl")
        var types: [String: Int] = [:]
        var answers: [[String: Any]] = []
        for line in text.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let type = try #require(object["type"] as? String)
            types[type, default: 0] += 1
            #expect(object[type] != nil)
            if type == "answer" { answers.append(object["answer"] as! [String: Any]) }
        }
        #expect(types["run"] == 1)
        #expect(types["document"] == 4)
        #expect(types["call"] == 2)
        #expect(types["answer"] == Fixture.whole.answers.count)
        #expect(types["official"] == Fixture.summary.officials.count)
        let tricky = try #require(answers.first { ($0["text"] as? String)?.contains("央企") == true })
        let detections = try #require(tricky["detections"] as? [[String: Any]])
        #expect(detections.first?["code"] as? String == "IGNORANCE")
        #expect(detections.first?["line"] as? Int == 7)
        #expect(detections.first?["rule"] as? String == "lexicons/test.tsv:3")
        #expect((tricky["contributions"] as? [[String: Any]])?.contains { $0["feature"] as? String == "deflection.IGNORANCE" } == true)
    }

    @Test func skippedDocumentKeepsItsReason() throws {
        let line = try #require(Fixture.file("analysis.jsonl").split(separator: "\n").first { $0.contains("\"broken\"") })
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let doc = object["document"] as! [String: Any]
        #expect(doc["status"] as? String == "skipped")
        #expect((doc["reason"] as? String)?.contains("GB18030") == true)
    }

    @Test func answerLinesEscapeEveryCharacterJSONNeedsEscaped() throws {
        let base = try #require(Fixture.whole.answers.first)
        let nasty = "引号\"反斜杠\\换行\n回车\r制表\t响铃\u{07}斜杠/𠀀"
        let a = ScoredAnswer(score: base.score, speaker: "A\"B", official: OfficialKey(organisation: "某\\会", department: nil, surname: "曾"),
                             line: 3, text: nasty, question: "问\u{1F}", questionType: base.questionType,
                             orientation: OrientationCounts(characters: 5, authority: 1, grassroots: 0, terms: ["政府": 1, "工人": 2]),
                             words: [], hangUps: 0)
        let line = JSONLinesReport.answerLine(a, duplicateOf: "x#1")
        #expect(line.last == 0x0A && !line.dropLast().contains(0x0A))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        let record = try #require(object["answer"] as? [String: Any])
        #expect(object["type"] as? String == "answer")
        #expect(record["text"] as? String == nasty)
        #expect(record["question"] as? String == "问\u{1F}")
        #expect(record["speaker"] as? String == "A\"B")
        #expect(record["duplicateOf"] as? String == "x#1")
        #expect((record["official"] as? [String: Any])?["department"] == nil)
        #expect((record["official"] as? [String: Any])?["organisation"] as? String == "某\\会")
        #expect(((record["orientation"] as? [String: Any])?["terms"] as? [String: Int]) == ["政府": 1, "工人": 2])
        #expect(record["score"] as? Double == base.score.score)
    }

    @Test func callLinesAreTheEncoderLines() throws {
        let calls = Fixture.summary.calls
        #expect(!calls.isEmpty)
        // Every optional field present and absent, awkward strings and numbers.
        let controls = String(String.UnicodeScalarView((UInt32(0)..<0x20).compactMap { Unicode.Scalar($0) } + ["\u{7F}", "\u{2028}"]))
        let odd = """
        {"duplicateOf":{"call":2,"containment":-0.0,"coverage":1e15,"document":"a/b","original":"o\\"q\\\\","originalCall":1},
         "entry":{"call":2,"document":"d","events":["hang-up","voicemail"],"turns":0,"officialTurns":0},
         "quotes":[{"call":2,"code":"IGNORANCE","evidence":"/","location":{"column":1,"document":"d","line":2},"officialTurn":3,"question":"问？\\u0001","score":1e-7,"text":"\(controls.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined())"}],
         "series":[{"officialTurn":1,"score":-0.0},{"grade":2,"officialTurn":2,"score":3.3333333333333335e-05},{"grade":0,"officialTurn":3,"score":123456789012345.6}],
         "statistics":{"answers":3,"calls":1,"deflections":[],"gradeCounts":[0,0,0,0],"gradeShares":[0,0.5,1e16,4.5e15],"graded":0,"hangUps":2}}
        """
        let decoded = try JSONDecoder().decode(CallSummary.self, from: Data(odd.utf8))
        #expect(decoded.quotes.first?.text == controls)
        for c in calls + [decoded] {
            let expected = JSONLinesReport.line("call", c, JSONLinesReport.encoder())
            #expect(String(decoding: JSONLinesReport.callLine(c), as: UTF8.self) == expected)
        }
    }
}
