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
