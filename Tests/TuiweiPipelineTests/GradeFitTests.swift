import Foundation
import Testing
import TuiweiCore
import TuiweiFit
@testable import TuiweiPipeline
import TuiweiAggregates
import TuiweiScoring
import TuiweiTranscript

/// `tuiwei fit` through the pipeline: what it fits is what analyze then grades, and the shipped
/// weights are the fit the README describes.
@Suite struct GradeFitTests {
    static let root = ProjectLayout.root() ?? FileManager.default.currentDirectoryPath

    static func alignment() throws -> GoldAlignment {
        let gold = try GoldReader.read(paths: [root + "/Tests/Fixtures/gold", root + "/Tests/Fixtures/dev/gold"])
        let documents = TranscriptReader.readDocuments(at: [root + "/corpus", root + "/Tests/Fixtures/dev/transcripts"])
        return GoldAlignment(gold: gold, documents: documents)
    }

    @Test func fittedWeightsGradeAsTheFitPredicted() throws {
        let alignment = try Self.alignment()
        let engine = AnalysisRunTests.engine
        let report = engine.fitGrades(alignment, ridge: 3)
        let refitted = engine.with(weights: report.weights).gradeAgreement(alignment).agreement
        #expect(refitted.confusion == report.training.confusion)
        #expect(report.crossValidated.count == report.training.count)
        #expect(report.documents.count == 12)
    }

    @Test func theShippedWeightsAreTheDocumentedFit() throws {
        let engine = AnalysisRunTests.engine
        let prior = try ScoringWeights.load(path: Self.root + "/lexicons/scoring/prior.tsv")
        let report = engine.with(weights: prior).fitGrades(try Self.alignment(), ridge: 3)
        let shipped = try ScoringWeights.load(path: Self.root + "/lexicons/scoring/weights.tsv")
        for feature in GradeFit.features + ["base", "grade.1", "grade.2", "grade.3"] {
            #expect(abs(shipped[feature] - report.weights[feature]) < 0.011, "\(feature): refit with the command in README.md")
        }
    }
}

/// `fitGrades` on a small written gold whose grades follow one rule: a deflection is grade 0, a
/// yes or no to the question grade 3.
@Suite struct WrittenGoldFitTests {
    static let turns: [String: [(String, Int)]] = [
        "a": [("这个我不清楚。", 0), ("没有。", 3), ("你去问组织部吧。", 0), ("有的。", 3)],
        "b": [("我们也不知道。", 0), ("没有。", 3), ("你去问人社局吧。", 0), ("对。", 3)],
        "c": [("具体的我就不清楚了。", 0), ("是的。", 3), ("这个你得问街道。", 0), ("没有。", 3)],
    ]

    @Test func learnsTheRuleAndPredictsEachHeldOutDocument() throws {
        var lines: [String] = []
        var documents: [Document] = []
        for (id, list) in Self.turns.sorted(by: { $0.key < $1.key }) {
            documents.append(document(id, officials: list.map(\.0)))
            for (i, (text, grade)) in list.enumerated() {
                lines.append(#"{"doc": "\#(id)", "call": 1, "turn": \#(i + 1), "starts": "\#(text.prefix(3))", "grade": \#(grade), "codes": []}"#)
            }
        }
        let gold = GoldReader.parse(text: lines.joined(separator: "\n"), file: "written.jsonl")
        #expect(gold.diagnostics.isEmpty)
        let alignment = GoldAlignment(gold: gold.records, documents: documents)
        #expect(alignment.aligned.count == 12)
        // Start from weights that say nothing, so whatever separates the grades is learnt.
        var flat = AnalysisRunTests.engine.scoring.weights.values
        for f in GradeFit.features { flat[f] = 0 }
        flat["base"] = 40
        let engine = AnalysisRunTests.engine.with(weights: ScoringWeights(values: flat))
        let report = engine.fitGrades(alignment, ridge: 0.1)
        #expect(report.before.exact < 0.6)
        #expect(report.training.exact == 1)
        #expect(report.crossValidated.exact == 1, "each document is predicted by the other two")
        #expect(report.crossValidated.quadraticKappa > 0.99)
        // The learnt weights say the same: deflections take points away, a yes or no adds them.
        #expect(report.weights["deflection.IGNORANCE"] < 0 && report.weights["deflection.REFERRAL"] < 0)
        #expect(report.weights["question.yesno.answered"] + report.weights["answer.DIRECT"] > 0)
    }
}
