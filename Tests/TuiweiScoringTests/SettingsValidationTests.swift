import Foundation
import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiScoring

/// Every numeric setting of `weights.tsv` is checked with its range in the message; no value
/// can trap the run or give a meaningless report.
@Suite struct SettingsValidationTests {
    static let grades = "grade.1\t15\ngrade.2\t50\ngrade.3\t70\n"

    static func parse(_ line: String) throws(Diagnostic) -> ScoringWeights {
        try ScoringWeights.parse(grades + line + "\n", file: "weights.tsv")
    }

    @Test(arguments: [
        ("boilerplate.top\t-5", "boilerplate.top must be a whole number from 1 to 100, not -5"),
        ("boilerplate.top\t2.5", "boilerplate.top must be a whole number from 1 to 100, not 2.5"),
        ("boilerplate.n\t0", "boilerplate.n must be a whole number from 1 to 10, not 0"),
        ("bootstrap.samples\t0", "bootstrap.samples must be a whole number from 1 to 100000, not 0"),
        ("bootstrap.samples\t1e30", "bootstrap.samples must be a whole number from 1 to 100000, not 1e30"),
        ("bootstrap.level\t1.5", "bootstrap.level must be a number greater than 0 and less than 1, not 1.5"),
        ("bootstrap.level\t0", "bootstrap.level must be a number greater than 0 and less than 1, not 0"),
        ("bootstrap.seed\t-1", "bootstrap.seed must be a whole number from 0 to 9007199254740992, not -1"),
        ("hedge.max\t-3", "hedge.max must be a number from 0 to 1000, not -3"),
        ("base\t1e30", "base must be a number from -1000 to 1000, not 1e30"),
        ("deflection.REFERRAL\t-1e300", "deflection.REFERRAL must be a number from -1000 to 1000, not -1e300"),
    ])
    func outOfRangeValuesAreErrorsNamingTheRange(line: String, message: String) {
        let error = #expect(throws: Diagnostic.self) { try Self.parse(line) }
        #expect(error?.message == message)
        #expect(error?.line == 4)
        #expect(error?.description == "weights.tsv:4: error: \(message)")
    }

    @Test(arguments: ["nan", "inf", "-inf", "NaN"])
    func valuesThatAreNotFiniteNumbersAreErrors(value: String) {
        let error = #expect(throws: Diagnostic.self) { try Self.parse("base\t\(value)") }
        #expect(error?.line == 4)
    }

    @Test func gradesOutsideTheScoreScaleAreErrors() {
        let error = #expect(throws: Diagnostic.self) { try ScoringWeights.parse("grade.1\t-10\ngrade.2\t50\ngrade.3\t70\n", file: "w.tsv") }
        #expect(error?.message == "grade.1 must be a number from 0 to 100, not -10")
    }

    @Test func theShippedWeightsAreWithinEveryRange() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        _ = try ScoringWeights.load(path: root + "/lexicons/scoring/weights.tsv")
        _ = try ScoringWeights.load(path: root + "/Tests/Fixtures/scoring/test-weights.tsv")
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func scoringFilesTakeEveryLineEnd(end: String) throws {
        let weights = try ScoringWeights.parse(["# weights", "grade.1\t15", "grade.2\t50", "grade.3\t70", "base\t40"].joined(separator: end), file: "w.tsv")
        #expect(weights["base"] == 40)
        let table = try TermTable.parse(["# cues", "filler\t嗯", "greeting\t你好"].joined(separator: end), file: "c.tsv", categories: ["filler", "greeting"])
        #expect(table["greeting"] == ["你好"])
        #expect(try WordList.parse(["# stop", "的", "了"].joined(separator: end), file: "s.txt") == ["的", "了"])
    }

    @Test func anEmptyRequiredScoringFileIsAnError() {
        let table = #expect(throws: Diagnostic.self) { try TermTable.parse("# nothing\n", file: "cues.tsv", categories: ["filler"]) }
        #expect(table?.message.contains("no entries") == true)
        #expect(throws: Diagnostic.self) { try WordList.parse("\r\n", file: "stopwords.txt") }
        let missing = #expect(throws: Diagnostic.self) { try ScoringWeights.load(path: "/nonexistent/weights.tsv") }
        #expect(missing?.message.contains("missing") == true)
    }
}
