import Foundation
import Testing
import TuiweiCore
import TuiweiLexicon
import TuiweiPipeline
import TuiweiAggregates
import TuiweiScoring
import TuiweiSegmentation
import TuiweiTranscript

/// The shipped lexicons and weights scored against the human gold of call 000, and the bundled
/// corpus run checked for ranking and source lines.
@Suite(.serialized) struct ScoringGoldAgreementTests {
    struct Run {
        let documents: [Document]
        let analysis: CorpusAnalysis
        let summary: CorpusSummary
    }

    static let run: Run = {
        do {
            let root = try #require(ProjectLayout.root())
            let documents = TranscriptReader.readDocuments(at: [root + "/corpus"])
            let engine = try AnalysisEngine.load()
            let analysis = CorpusAnalysis.merged(documents.map { engine.analyse($0) }).addingDuplicates(TranscriptReader.duplicates(in: documents))
            let resources = engine.scoring
            return Run(documents: documents, analysis: analysis, summary: CorpusSummary(analysis, resources: resources))
        } catch {
            fatalError("cannot analyse the bundled corpus: \(error)")
        }
    }()

    @Test func gradesAgreeWithTheGold() throws {
        let root = try #require(ProjectLayout.root())
        let text = try String(contentsOfFile: root + "/Tests/Fixtures/gold/000_43baa8c35279a078.jsonl", encoding: .utf8)
        let answers = Self.run.analysis.answers.filter { $0.score.document == "000_43baa8c35279a078" && $0.score.call == 1 }
        var gold: [Int?] = []
        var predicted: [Int?] = []
        for line in text.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let turn = try #require(record["turn"] as? Int)
            let answer = try #require(answers.first { $0.score.officialTurn == turn })
            let starts = try #require(record["starts"] as? String)
            #expect(answer.text.filter { !$0.isWhitespace }.hasPrefix(starts), "gold turn \(turn) is not aligned")
            gold.append(record["grade"] as? Int)
            predicted.append(answer.score.grade)
        }
        let agreement = GradeAgreement.compute(gold: gold, predicted: predicted)
        #expect(agreement.count >= 50)
        #expect(agreement.quadraticKappa >= 0.85)
        #expect(agreement.spearman >= 0.85)
        #expect(agreement.withinOne >= 0.9)
    }

    @Test func officialsAreRankedAndDuplicatesCountedOnce() throws {
        let s = Self.run.summary
        #expect(s.officials.count >= 2)
        let means = s.officials.compactMap { $0.statistics.mean?.mean }
        #expect(means == means.sorted())
        #expect(s.calls.contains { $0.entry.document.hasPrefix("001") && $0.duplicateOf?.original.hasPrefix("000") == true })
        let banan = try #require(s.officials.first { $0.official.organisation.contains("巴南") })
        #expect(banan.statistics.calls == 1)
        #expect(banan.orientation.authorityPer1000 > banan.orientation.grassrootsPer1000)
    }

    @Test func answersAndQuotesPointAtTheirSourceLines() throws {
        var files: [String: [[Unicode.Scalar]]] = [:]
        for d in Self.run.documents {
            let text = try String(contentsOfFile: d.path, encoding: .utf8)
            files[d.id] = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        }
        var checked = 0
        for a in Self.run.analysis.answers {
            let lines = try #require(files[a.score.document])
            let first = try #require(a.text.unicodeScalars.first)
            #expect(lines[a.line - 1].contains(first), "answer at \(a.score.document):\(a.line)")
            for d in a.score.detections {
                let line = lines[d.location.line - 1]
                let column = d.location.column - 1
                #expect(column < line.count && line[column] == d.text.unicodeScalars.first!, "\(d.code) at \(d.location)")
                checked += 1
            }
        }
        #expect(checked > 100)
        for call in Self.run.summary.calls {
            for q in call.quotes {
                let line = try #require(files[q.location.document]?[q.location.line - 1])
                #expect(String(String.UnicodeScalarView(line)).contains(String(q.evidence.prefix(2))), "quote at \(q.location)")
                #expect(q.text.contains(q.evidence))
            }
        }
    }
}
