import Foundation
import Testing
import TuiweiCore
import TuiweiCorpus
@testable import TuiweiPipeline
import TuiweiAggregates
import TuiweiScoring

/// `merge` takes only every shard of one split of one corpus, made with one release, one set of
/// lexicons and one weights file, and names whatever is missing, repeated or mismatched.
@Suite struct MergeCheckTests {
    static let provenance: RunProvenance = try! RunProvenance.ofRun()
    /// Five documents; their shards hold only document entries, which is all the checks read.
    static let sources = (1...5).map { CorpusSource(id: "d\($0)", path: "corpus/d\($0).txt") }
    static let corpus = CorpusIdentity(sources: sources)

    static func shard(_ i: Int, of n: Int, corpus: CorpusIdentity = corpus, provenance: RunProvenance = provenance,
                      sources: [CorpusSource] = sources) -> RunShard {
        let docs = AnalysisEngine.shard(sources, index: i, count: n).map { DocumentEntry(Document.skipped(id: $0.id, path: $0.path, reason: "test")) }
        return RunShard(index: i, count: n, corpus: corpus, provenance: provenance,
                        run: CorpusRun(partial: CorpusAnalysis(documents: docs), fingerprints: []))
    }

    /// The shard through its file and back, as `merge` reads it.
    static func file(_ s: RunShard, _ name: String? = nil) throws -> (file: String, shard: RunShard) {
        let name = name ?? "shard-\(s.index)-of-\(s.count).json"
        return (name, try RunShard(data: s.data(), file: name))
    }

    static func messages(_ shards: [(file: String, shard: RunShard)], scoring: [RunProvenance.File]? = nil) -> [String] {
        RunShard.problems(in: shards, scoring: scoring).map(\.description)
    }

    @Test func aCompleteSplitMergesInAnyOrder() throws {
        let shards = try [3, 1, 2].map { try Self.file(Self.shard($0, of: 3)) }
        #expect(Self.messages(shards, scoring: try RunProvenance.currentScoringFiles()).isEmpty)
        let merged = try RunShard.merged(shards)
        #expect(merged.run.partial.documents.map(\.id).sorted() == ["d1", "d2", "d3", "d4", "d5"])
        #expect(merged.provenance == Self.provenance)
    }

    @Test func oneShardOfThreeNamesTheMissingOnes() throws {
        let problems = Self.messages([try Self.file(Self.shard(2, of: 3))])
        #expect(problems.count == 2)
        #expect(problems[0].hasPrefix("shard-1-of-3.json: error: shard 1/3 is missing (1 of 3 shards given)"))
        #expect(problems[1].contains("run 'tuiwei analyze CORPUS --shard 3/3'"))
        #expect(throws: ShardSetError.self) { try RunShard.merged([try Self.file(Self.shard(2, of: 3))]) }
    }

    @Test func theSameShardTwiceIsNamed() throws {
        let shards = try [Self.file(Self.shard(1, of: 2)), Self.file(Self.shard(2, of: 2)), Self.file(Self.shard(2, of: 2), "copy/shard-2-of-2.json")]
        #expect(Self.messages(shards) == ["copy/shard-2-of-2.json: error: shard 2/2 is given twice (also as shard-2-of-2.json); give each shard once"])
    }

    @Test func shardsOfDifferentSplitsAreRefused() throws {
        let shards = try [Self.file(Self.shard(1, of: 3)), Self.file(Self.shard(2, of: 3)), Self.file(Self.shard(3, of: 4))]
        let problems = Self.messages(shards)
        #expect(problems == ["shard-3-of-4.json: error: shard 3/4 belongs to a split into 4, but shard-1-of-3.json is shard 1/3 of a split into 3; merge the shards of one split"])
        // The same split of another corpus.
        let other = (1...6).map { CorpusSource(id: "e\($0)", path: "other/e\($0).txt") }
        let mixed = try [Self.file(Self.shard(1, of: 2)), Self.file(Self.shard(2, of: 2, corpus: CorpusIdentity(sources: other), sources: other))]
        #expect(Self.messages(mixed).count == 1)
        #expect(Self.messages(mixed)[0].contains("shard 2/2 was made from another corpus (6 documents"))
    }

    @Test func shardsMadeWithDifferentWeightsAreRefused() throws {
        let p = Self.provenance
        let weights = RunProvenance(version: p.version, files: p.files,
                                    weights: .init(folder: p.weights.folder, path: p.weights.path, sha256: String(repeating: "0", count: 64)))
        let problems = Self.messages(try [Self.file(Self.shard(1, of: 2)), Self.file(Self.shard(2, of: 2, provenance: weights))])
        #expect(problems.count == 1)
        #expect(problems[0].hasPrefix("shard-2-of-2.json: error: made with other settings than shard-1-of-2.json"))
        #expect(problems[0].contains("weights file lexicons/scoring/weights.tsv"))
        // Weights changed since the shards were made: the merge would score with other weights.
        let now = try RunProvenance.currentScoringFiles().map {
            $0.path == "scoring/weights.tsv" ? RunProvenance.File(folder: $0.folder, path: $0.path, sha256: String(repeating: "f", count: 64)) : $0
        }
        let changed = Self.messages(try [Self.file(Self.shard(1, of: 1))], scoring: now)
        #expect(changed.count == 1 && changed[0].hasPrefix("lexicons/scoring/weights.tsv: error: has changed since the shards were made"))
    }

    @Test func shardsMadeWithDifferentLexiconsAreRefused() throws {
        let p = Self.provenance
        var files = p.files
        let first = files[0]
        files[0] = .init(folder: first.folder, path: first.path, sha256: String(repeating: "a", count: 64))
        let edited = RunProvenance(version: p.version, files: files, weights: p.weights)
        let problems = Self.messages(try [Self.file(Self.shard(1, of: 2)), Self.file(Self.shard(2, of: 2, provenance: edited))])
        #expect(problems.count == 1 && problems[0].contains("lexicon file \(first.path) differs"))
        let extra = RunProvenance(version: p.version, files: p.files + [.init(folder: "mine", path: "more.tsv", sha256: first.sha256)], weights: p.weights)
        let more = Self.messages(try [Self.file(Self.shard(1, of: 2)), Self.file(Self.shard(2, of: 2, provenance: extra))])
        #expect(more.count == 1 && more[0].contains("lexicon file mine/more.tsv used in one and not the other"))
    }

    @Test func shardsOfDifferentVersionsAreRefused() throws {
        let problems = Self.messages(try [Self.file(Self.shard(1, of: 2)), Self.file(Self.shard(2, of: 2, provenance: Self.provenance.with(version: "0.0.1")))])
        #expect(problems.count == 1 && problems[0].contains("Tuiwei version \(TuiweiVersion.string) against 0.0.1"))
    }

    @Test func aDamagedShardFileIsNamedAsSuch() throws {
        let data = Self.shard(1, of: 2).data()
        for cut in [data.count / 2, data.count - 1] {
            #expect {
                try RunShard(data: data.prefix(cut), file: "shard-1-of-2.json")
            } throws: { e in
                let d = e as! Diagnostic
                return d.file == "shard-1-of-2.json" && d.message.hasPrefix("damaged shard file")
            }
        }
        // A document taken out by hand: the count no longer fits the split.
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var analysis = object["analysis"] as! [String: Any]
        analysis["documents"] = Array((analysis["documents"] as! [Any]).dropLast())
        object["analysis"] = analysis
        let edited = try JSONSerialization.data(withJSONObject: object)
        #expect {
            try RunShard(data: edited, file: "s.json")
        } throws: { ($0 as! Diagnostic).message.contains("shard 1/2 of a corpus of 5 documents holds 3, but this file holds 2") }
        // Values no run writes, which the reports would index or divide by.
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz/seeds/shard/shard-1-of-1.json")
        let real = try Data(contentsOf: seed)
        #expect(try RunShard(data: real, file: "seed.json").analysis.answers.count == 7)
        for (key, value) in [("score", 1e300 as Any), ("grade", 7 as Any), ("turn", -1 as Any)] {
            var shard = try JSONSerialization.jsonObject(with: real) as! [String: Any]
            var analysis = shard["analysis"] as! [String: Any]
            var answers = analysis["answers"] as! [[String: Any]]
            var score = answers[0]["score"] as! [String: Any]
            score[key] = value
            answers[0]["score"] = score
            analysis["answers"] = answers
            shard["analysis"] = analysis
            #expect {
                try RunShard(data: try JSONSerialization.data(withJSONObject: shard), file: "s.json")
            } throws: { e in
                let d = e as! Diagnostic
                return d.message.hasPrefix("damaged shard file: it holds answer") && d.message.contains("which no run writes")
            }
        }
        // A record of data files naming one file twice (found by the shard fuzzer).
        var twice = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var provenance = twice["provenance"] as! [String: Any]
        var files = provenance["files"] as! [[String: Any]]
        var again = files[0]
        again["sha256"] = String(repeating: "0", count: 64)
        files.append(again)
        provenance["files"] = files
        twice["provenance"] = provenance
        #expect {
            try RunShard(data: try JSONSerialization.data(withJSONObject: twice), file: "s.json")
        } throws: { ($0 as! Diagnostic).message.hasPrefix("damaged shard file: the record of its lexicon and data files is malformed") }
        // A shard index outside its split.
        object["index"] = 4
        #expect {
            try RunShard(data: try JSONSerialization.data(withJSONObject: object), file: "s.json")
        } throws: { ($0 as! Diagnostic).message.contains("shard 4/2 is not a shard of a split") }
    }
}
