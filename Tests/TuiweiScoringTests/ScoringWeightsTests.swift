import Foundation
import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiScoring

@Suite struct ScoringWeightsTests {
    let thresholds = "grade.1\t20\ngrade.2\t50\ngrade.3\t70\n"

    @Test func parsesFeaturesCommentsAndBOM() throws {
        let w = try ScoringWeights.parse("\u{FEFF}# comment\nbase\t40   # start\ndeflection.IGNORANCE  -30\r\n\n" + thresholds, file: "w.tsv")
        #expect(w["base"] == 40)
        #expect(w["deflection.IGNORANCE"] == -30)
        #expect(w["answer.DIRECT"] == 0)
        #expect(w.grade(for: 19.9) == 0)
        #expect(w.grade(for: 20) == 1)
        #expect(w.grade(for: 69) == 2)
        #expect(w.grade(for: 70) == 3)
    }

    @Test func unknownFeatureNamesFileLineAndSuggestion() {
        #expect {
            try ScoringWeights.parse("base\t50\ndeflection.ignorance\t-3\n" + thresholds, file: "w.tsv")
        } throws: { error in
            let d = error as! Diagnostic
            return d.file == "w.tsv" && d.line == 2 && d.message.contains("deflection.IGNORANCE")
        }
    }

    @Test func badNumberDuplicateAndFieldCountAreErrors() {
        #expect(throws: Diagnostic.self) { try ScoringWeights.parse("base\tfifty\n" + thresholds, file: "w") }
        #expect(throws: Diagnostic.self) { try ScoringWeights.parse("base\t1\nbase\t2\n" + thresholds, file: "w") }
        #expect(throws: Diagnostic.self) { try ScoringWeights.parse("base\t1\t2\n" + thresholds, file: "w") }
        let twice = #expect(throws: Diagnostic.self) { try ScoringWeights.parse("base\t1\nbase\t2\n" + thresholds, file: "w") }
        #expect(twice?.line == 2)
        #expect(twice?.message.contains("line 1") == true)
    }

    @Test func gradeThresholdsAreRequiredAndOrdered() {
        #expect(throws: Diagnostic.self) { try ScoringWeights.parse("base\t50\n", file: "w") }
        #expect(throws: Diagnostic.self) { try ScoringWeights.parse("grade.1\t60\ngrade.2\t50\ngrade.3\t70\n", file: "w") }
    }

    @Test func shippedFilesLoadAndCoverEveryDeflection() {
        for code in Code.deflections {
            #expect(shipped.weights.values["deflection.\(code.rawValue)"] != nil, "missing weight for \(code)")
            #expect(shipped.weights["deflection.\(code.rawValue)"] < 0)
        }
        #expect(shipped.stopWords.contains("的"))
        #expect(!shipped.orientation["authority"].isEmpty && !shipped.orientation["grassroots"].isEmpty)
    }

    @Test func missingOrUnreadableFilesNameThePath() throws {
        #expect {
            try ScoringResources.load(directory: "/nonexistent/scoring")
        } throws: { error in
            let d = error as! Diagnostic
            return d.file == "/nonexistent/scoring/weights.tsv" && d.message.contains("cannot read")
        }
        let folder = try TemporaryFolder("scoring")
        defer { folder.remove() }
        let dir = folder.path
        try folder.write("weights.tsv", bytes: [0xFF, 0xFE, 0x00, 0xD8])
        #expect {
            try ScoringWeights.load(path: dir + "/weights.tsv")
        } throws: { ($0 as! Diagnostic).message.contains("UTF-8") }
    }

    @Test func termTableRejectsUnknownCategory() {
        #expect {
            try TermTable.parse("authority\t政府\nworker\t工人\n", file: "o.tsv", categories: ["authority", "grassroots"])
        } throws: { ($0 as! Diagnostic).line == 2 }
        #expect(throws: Diagnostic.self) { try WordList.parse("的\n两 个\n", file: "s.txt") }
    }
}
