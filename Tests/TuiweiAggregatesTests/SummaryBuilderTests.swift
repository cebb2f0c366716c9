import Foundation
import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiAggregates
import TuiweiScoring

/// The summary of a streaming run: bounded samples, complete totals, order-free aggregates.
@Suite struct SummaryBuilderTests {
    static func analyse(_ d: Document) -> CorpusAnalysis {
        CorpusAnalysis.analysing(d, scorer: AnswerScorer(resources: testResources), detections: sampleDetections, words: words)
    }

    static let analysis = CorpusAnalysis.merged(
        (0..<6).map { analyse(sampleDocument(id: "d\($0)")) } + [analyse(sampleArticle())])

    @Test func samplesStopAtTheirLimitsWhileTotalsCountEverything() {
        let whole = CorpusSummary(Self.analysis, resources: testResources)
        let small = CorpusSummary(Self.analysis, resources: testResources, limits: .init(documents: 2, calls: 3, answers: 4))
        #expect(whole.documents.count == 7 && whole.calls.count == 12 && whole.answers.count == Self.analysis.answers.count)
        #expect(small.documents.map(\.id) == ["d0", "d1"])
        #expect(small.calls.count == 3 && small.answers.count == 4)
        #expect(small.totals == whole.totals)
        #expect(small.totals.documents == 7 && small.totals.calls == 12 && small.totals.answers == Self.analysis.answers.count)
        // The aggregates do not depend on what is kept for display.
        #expect(small.officials == whole.officials)
        #expect(small.organisations == whole.organisations)
        #expect(small.overall == whole.overall)
    }

    @Test func totalsDoNotDependOnTheOrderCallsArrive() {
        let weights = testResources.weights
        var calls: [[ScoredAnswer]] = []
        for part in Self.analysis.documentParts() {
            for c in part.calls { calls.append(part.answers.filter { $0.score.call == c.call }) }
        }
        var forward = ScoreTotals(), backward = ScoreTotals(), interleaved = ScoreTotals()
        for c in calls { forward.add(call: c, officialTurns: c.count) }
        for c in calls.reversed() { backward.add(call: c, officialTurns: c.count) }
        for i in calls.indices.sorted(by: { ($0 % 3, $0) < ($1 % 3, $1) }) { interleaved.add(call: calls[i], officialTurns: calls[i].count) }
        #expect(forward == backward && forward == interleaved)
        #expect(forward.statistics(weights: weights, key: "k") == backward.statistics(weights: weights, key: "k"))
        #expect(forward.calls == calls.filter { !$0.isEmpty }.count)
    }

    @Test func aSkippedDocumentIsKeptBeyondTheDocumentLimit() {
        let skipped = Self.analyse(.skipped(id: "zz-bad", path: "corpus/zz-bad.txt", reason: "not a text file"))
        let summary = CorpusSummary(Self.analysis.merging(skipped), resources: testResources, limits: .init(documents: 1))
        #expect(summary.documents.map(\.id) == ["d0"])
        #expect(summary.skipped.map(\.id) == ["zz-bad"])
        #expect(summary.totals.skipped == 1)
    }
}
