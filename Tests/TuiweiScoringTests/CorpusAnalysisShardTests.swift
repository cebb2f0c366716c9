import Foundation
import Testing
import TuiweiCore
@testable import TuiweiScoring

@Suite struct ShardTests {
    func analyse(_ d: Document) -> CorpusAnalysis {
        CorpusAnalysis.analysing(d, scorer: AnswerScorer(resources: testResources), detections: sampleDetections, words: words)
    }

    @Test func shardsRoundTripAndMergeToTheSameTotals() throws {
        let a = analyse(sampleDocument(id: "a")), b = analyse(sampleArticle()).merging(analyse(sampleDocument(id: "b")))
        let whole = a.merging(b)
        let dataA = a.shardData(), dataB = b.shardData()
        #expect(dataA == a.shardData())  // byte-identical
        let back = CorpusAnalysis.merged([try CorpusAnalysis(shard: dataB, file: "b.json"), try CorpusAnalysis(shard: dataA, file: "a.json")])
        #expect(back == whole)
        #expect(CorpusSummary(back, resources: testResources) == CorpusSummary(whole, resources: testResources))
    }

    @Test func wrongFilesAreRejectedWithTheirName() {
        #expect {
            try CorpusAnalysis(shard: Data("{\"type\":\"run\"}".utf8), file: "report.jsonl")
        } throws: { ($0 as! Diagnostic).file == "report.jsonl" }
        #expect {
            try CorpusAnalysis(shard: Data("{\"format\":\"tuiwei-analysis\",\"version\":99}".utf8), file: "old.json")
        } throws: { ($0 as! Diagnostic).message.contains("version 99") }
        #expect(throws: Diagnostic.self) {
            try CorpusAnalysis(shard: Data("{\"format\":\"tuiwei-analysis\",\"version\":1,\"analysis\":{}}".utf8), file: "x.json")
        }
    }
}
