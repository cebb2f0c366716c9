import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TuiweiCore
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
}
