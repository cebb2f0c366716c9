import Foundation
import Testing
import TuiweiCore
@testable import TuiweiPipeline
import TuiweiReports
import TuiweiAggregates
import TuiweiScoring
import TuiweiTranscript
import TuiweiTestSupport

/// The whole run over the bundled corpus: concurrency, determinism, reports, statuses, sources.
@Suite(.serialized) struct AnalysisRunTests {
    static let engine: AnalysisEngine = try! AnalysisEngine.load()
    static let root = ProjectLayout.root()!

    static func render(jobs: Int, paths: [String], streamedBytes: Int = StreamedTranscript.defaultMinimumBytes) async -> [(name: String, contents: String)] {
        let run = await engine.run(TranscriptReader.sources(at: paths), jobs: jobs, streamedBytes: streamedBytes)
        return ReportWriter.render(run.analysis, resources: engine.scoring, formats: ReportFormat.allCases, provenance: engine.provenance)
    }

    /// The files of a streaming run, kept in memory.
    static func streamed(jobs: Int, paths: [String], held: Int = AnalysisEngine.defaultHeldTextBytes,
                         streamedBytes: Int = StreamedTranscript.defaultMinimumBytes) async throws -> [(name: String, contents: String)] {
        let result = try await engine.stream(TranscriptReader.sources(at: paths), jobs: jobs, formats: ReportFormat.allCases,
                                             makeStream: { ReportStream(memory: $0) }, heldTextBytes: held,
                                             streamedBytes: streamedBytes)
        return result.files.map { ($0.name, $0.contents ?? "") }
    }

    @Test func outputIsTheSameWhateverTheNumberOfJobs() async {
        let one = await Self.render(jobs: 1, paths: [Self.root + "/corpus"])
        let four = await Self.render(jobs: 4, paths: [Self.root + "/corpus"])
        #expect(one.map(\.name) == ["report.md", "report.html", "analysis.jsonl", "answers.csv", "officials.csv", "referrals.csv"])
        for (a, b) in zip(one, four) { #expect(a.contents == b.contents, "\(a.name) differs between --jobs 1 and 4") }
    }

    @Test func aStreamingRunWritesWhatTheWholeAnalysisGives() async throws {
        let whole = await Self.render(jobs: 2, paths: [Self.root + "/corpus", "/nonexistent/x.txt"])
        for jobs in [1, 3] {
            let streamed = try await Self.streamed(jobs: jobs, paths: [Self.root + "/corpus", "/nonexistent/x.txt"])
            #expect(streamed.map(\.name) == whole.map(\.name))
            for (a, b) in zip(whole, streamed) { #expect(a.contents == b.contents, "\(a.name) differs when streamed with --jobs \(jobs)") }
        }
        // The copy 001 is found by the survey, before any document is counted.
        let md = try #require(whole.first { $0.name == "report.md" }).contents
        #expect(md.contains("1 duplicate copy counted once"))
        #expect(md.contains("6 documents (5 analysed, 1 skipped)"))
    }

    /// Holding parsed documents between the passes saves a second parse and changes nothing.
    @Test func whatIsHeldBetweenThePassesChangesNoByte() async throws {
        let paths = [Self.root + "/corpus", Self.root + "/Tests/Fixtures/dev/transcripts"]
        let reread = try await Self.streamed(jobs: 2, paths: paths, held: 0)
        for held in [3_000, 40_000, Int.max] {
            let streamed = try await Self.streamed(jobs: 2, paths: paths, held: held)
            #expect(streamed.map(\.name) == reread.map(\.name))
            for (a, b) in zip(reread, streamed) { #expect(a.contents == b.contents, "\(a.name) differs holding \(held) bytes") }
        }
    }

    /// Files read a call at a time, in passes over the file, give every report byte the whole
    /// parse gives, in a streaming run and in a shard's run, whatever `jobs` is; one of them
    /// repeats a call of another, which is still found and counted once.
    @Test func filesReadACallAtATimeChangeNoByte() async throws {
        try await TemporaryFolder.with("calls") { tmp in
            _ = try tmp.write("many.txt", manyCallsTranscript(calls: 300))
            let paths = [Self.root + "/corpus", Self.root + "/Tests/Fixtures/dev/transcripts", tmp.path]
            let whole = try await Self.streamed(jobs: 2, paths: paths)
            #expect(try #require(whole.first { $0.name == "report.md" }).contents.contains("duplicate"))
            for jobs in [1, 3] {
                let streamed = try await Self.streamed(jobs: jobs, paths: paths, streamedBytes: 1)
                #expect(streamed.map(\.name) == whole.map(\.name))
                for (a, b) in zip(whole, streamed) { #expect(a.contents == b.contents, "\(a.name) differs read a call at a time, --jobs \(jobs)") }
            }
            let shard = await Self.render(jobs: 2, paths: paths, streamedBytes: 1)
            for (a, b) in zip(whole, shard) { #expect(a.contents == b.contents, "\(a.name) differs in a shard's run read a call at a time") }
        }
    }

    @Test func heldDocumentsKeepToTheirBudgetAndAreTakenOnce() {
        let held = HeldDocuments(budget: 10)
        let document = TranscriptReader.parse(text: "甲：你好。\n乙：我们不清楚。\n", id: "d", path: "d.txt")
        #expect(HeldDocuments.size(of: document) >= 1)
        #expect(held.reserve(6))
        #expect(!held.reserve(5))
        #expect(held.reserve(4))
        #expect(!held.reserve(1))
        held.put(0, document)
        #expect(held.take(0)?.id == "d")
        #expect(held.take(0) == nil)
    }

    /// Once the survey has read several times the budget, what was held is let go and nothing
    /// more is taken: the second pass reads those documents again.
    @Test func aCorpusManyTimesTheBudgetHoldsNothing() {
        let held = HeldDocuments(budget: 10)
        let document = TranscriptReader.parse(text: "甲：你好。\n乙：我们不清楚。\n", id: "d", path: "d.txt")
        #expect(held.reserve(4))
        held.put(0, document)
        #expect(!held.reserve(10 * HeldDocuments.corpusFactor))
        #expect(held.take(0) == nil)
        #expect(!held.reserve(1))
        held.put(1, document)
        #expect(held.take(1) == nil)
    }

    /// The second pass of a streaming run does not segment an article again for the phrases the
    /// survey took from it: its part is the same document entry, without the phrases.
    @Test func anArticleIsNotAnalysedAgainOnceItsPhrasesAreKnown() async throws {
        let sources = TranscriptReader.sources(at: [Self.root + "/corpus"])
        func parts(_ known: Bool) async throws -> [CorpusAnalysis] {
            var out: [CorpusAnalysis] = []
            try await Self.engine.forEachPart(of: sources, jobs: 2, fingerprints: false, phrasesKnown: known) { $0 } consume: { out.append($0) } finished: { _, _ in }
            return out
        }
        let full = try await parts(false), known = try await parts(true)
        #expect(full.map(\.documents) == known.map(\.documents) && full.map(\.answers) == known.map(\.answers))
        #expect(full.contains { $0.documents.first?.kind == .article && !$0.referenceNgrams.isEmpty })
        #expect(known.allSatisfy { $0.referenceNgrams.isEmpty })
    }

    @Test func theReportsNameTheReleaseAndEveryDataFileWithItsHash() async throws {
        let files = try await Self.streamed(jobs: 2, paths: [Self.root + "/corpus"])
        let provenance = try #require(Self.engine.provenance)
        let paths = provenance.files.map(\.path)
        #expect(paths.contains("deflection/answers.tsv") && paths.contains("dictionary/jieba-dict.txt")
                && paths.contains("transcript/roles.tsv") && paths.contains("script/traditional-simplified.tsv"))
        #expect(provenance.weights.path == "scoring/weights.tsv")
        let weights = try #require(FileManager.default.contents(atPath: Self.root + "/lexicons/scoring/weights.tsv"))
        #expect(provenance.weights.sha256 == SHA256.hex(weights))
        let md = try #require(files.first { $0.name == "report.md" }).contents
        #expect(md.hasSuffix("Made with Tuiwei \(TuiweiVersion.string); weights scoring/weights.tsv sha256 \(provenance.weights.sha256.prefix(12)); \(provenance.files.count) lexicon and data files, sha256 of their list \(provenance.filesDigest.prefix(12)).\n"))
        let jsonl = try #require(files.first { $0.name == "analysis.jsonl" }).contents
        let run = try #require(try JSONSerialization.jsonObject(with: Data(jsonl.prefix { $0 != "\n" }.utf8)) as? [String: Any])
        let recorded = try #require((run["run"] as? [String: Any])?["provenance"] as? [String: Any])
        #expect(recorded["version"] as? String == TuiweiVersion.string)
        #expect((recorded["weights"] as? [String: Any])?["sha256"] as? String == provenance.weights.sha256)
        #expect((recorded["files"] as? [Any])?.count == provenance.files.count)
    }

    @Test func aStreamingRunOnDiskLeavesOnlyItsReports() async throws {
        let folder = try TemporaryFolder("stream")
        defer { folder.remove() }
        let dir = folder.sub("out")
        let result = try await Self.engine.stream(TranscriptReader.sources(at: [Self.root + "/corpus"]), jobs: 2,
                                                  formats: ReportFormat.allCases,
                                                  makeStream: { try ReportStream(directory: dir, context: $0) })
        let inMemory = try await Self.streamed(jobs: 2, paths: [Self.root + "/corpus"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == inMemory.map(\.name).sorted())
        for (name, contents) in inMemory {
            #expect(try String(contentsOfFile: (dir as NSString).appendingPathComponent(name), encoding: .utf8) == contents, "\(name)")
        }
        #expect(result.summary.totals.documents == 5)
    }

    @Test func shardsMergedGiveTheSameReportsAsOneRun() async throws {
        let sources = TranscriptReader.sources(at: [Self.root + "/corpus"])
        let whole = await Self.engine.run(sources, jobs: 2)
        var shards: [(file: String, shard: RunShard)] = []
        let provenance = try #require(Self.engine.provenance)
        for i in 1...3 {
            let part = await Self.engine.run(AnalysisEngine.shard(sources, index: i, count: 3), jobs: 1)
            // Through the shard file and back, as `tuiwei merge` reads it.
            let data = RunShard(index: i, count: 3, corpus: CorpusIdentity(sources: sources), provenance: provenance, run: part).data()
            shards.append(("shard-\(i)", try RunShard(data: data, file: "shard-\(i)")))
        }
        #expect(shards.map { $0.shard.analysis.documents.count } == [2, 2, 1])
        let merged = try RunShard.merged(shards.reversed(), scoring: try RunProvenance.currentScoringFiles())
        #expect(merged.run.analysis.duplicates.count == 1)
        let a = try await Self.streamed(jobs: 2, paths: [Self.root + "/corpus"])
        let b = ReportWriter.render(merged.run.analysis, resources: Self.engine.scoring, formats: ReportFormat.allCases,
                                    provenance: merged.provenance)
        #expect(a.count == 6)
        for (x, y) in zip(a, b) { #expect(x.contents == y.contents, "\(x.name) differs after sharding") }
        _ = whole
    }

    @Test func aFileThatIsNotAShardIsRejectedByName() {
        #expect(throws: Diagnostic.self) { try RunShard(data: Data("{}".utf8), file: "notes.json") }
        let e = #expect(throws: Diagnostic.self) { try RunShard(data: Data("[1]".utf8), file: "notes.json") }
        #expect(e?.description.hasPrefix("notes.json: error: not a Tuiwei shard file") == true)
    }

    @Test func aMultiCallDocumentAnalysedCallByCallEqualsOneWholeAnalysis() async throws {
        let path = Self.root + "/corpus/002_47a418d72e20b9bc.txt"
        let whole = Self.engine.analyse(TranscriptReader.readDocuments(at: [path])[0])
        for jobs in [1, 3] {
            let run = await Self.engine.run(TranscriptReader.sources(at: [path]), jobs: jobs)
            #expect(run.partial == whole, "--jobs \(jobs)")
        }
        #expect(whole.calls.count == 2)
    }

    @Test func everyDocumentIsListedAndMissingOnesAreSkipped() async {
        let run = await Self.engine.run(TranscriptReader.sources(at: [Self.root + "/corpus", "/nonexistent/x.txt"]), jobs: 2)
        #expect(run.analysis.documents.count == 6)
        #expect(run.skipped.map(\.id) == ["x"])
        #expect(run.skipped.first?.status == .skipped(reason: "no such file or directory"))
        #expect(run.analysis.duplicates.count == 1)
    }

    @Test func evidenceLocationsPointAtTheQuotedWords() async throws {
        let run = await Self.engine.run(TranscriptReader.sources(at: [Self.root + "/corpus"]), jobs: 2)
        var files: [String: [[Unicode.Scalar]]] = [:]
        var checked = 0
        for answer in run.analysis.answers {
            for d in answer.score.detections where !d.text.isEmpty {
                if files[d.location.document] == nil {
                    let text = try String(contentsOfFile: Self.root + "/corpus/\(d.location.document).txt", encoding: .utf8)
                    files[d.location.document] = text.components(separatedBy: "\n").map { Array($0.unicodeScalars) }
                }
                let line = try #require(files[d.location.document]?[d.location.line - 1])
                #expect(line[d.location.column - 1] == d.text.unicodeScalars.first, "\(d.code) '\(d.text)' at \(d.location)")
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    @Test func reportFilesParseBack() async throws {
        let files = Dictionary(uniqueKeysWithValues: await Self.render(jobs: 2, paths: [Self.root + "/corpus"]).map { ($0.name, $0.contents) })
        let answers = try #require(files["answers.csv"]).split(whereSeparator: \.isNewline)
        let header = answers[0].split(separator: ",").map(String.init)
        for column in ["document", "call", "turn", "speaker", "organisation", "line", "score", "grade", "codes", "evidence"] {
            #expect(header.contains(column), "answers.csv lacks \(column)")
        }
        #expect(answers.count > 100)
        for line in try #require(files["analysis.jsonl"]).split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
        }
        let html = try #require(files["report.html"])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script src") && !html.contains("<link "))
        let md = try #require(files["report.md"])
        // Officials are ranked, and each of the corpus's three officials appears.
        #expect(md.contains("巴南区总工会 | 办公室 | 曾"))
        #expect(md.contains("安阳市总工会 | 劳动和经济工作部 | 李"))
        // A hang-up is quoted by its own words, at its own line.
        #expect(md.contains("A: “**电话被挂断**” — TERMINATION — official turn 9, 002_47a418d72e20b9bc:51"))
    }
}

@Suite struct TraditionalScriptAnalysisTests {
    @Test func aTraditionalTranscriptGetsTheSameCodesAndScores() throws {
        let root = try #require(ProjectLayout.root())
        let path = root + "/corpus/002_47a418d72e20b9bc.txt"
        let table = try String(contentsOfFile: root + "/lexicons/script/traditional-simplified.tsv", encoding: .utf8)
        var toTraditional: [Character: Character] = [:]
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            if f.count >= 2, f[0].count == 1, f[1].count == 1, toTraditional[f[1].first!] == nil { toTraditional[f[1].first!] = f[0].first! }
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let simplified = AnalysisRunTests.engine.analyse(TranscriptReader.parse(text: text, id: "002", path: path))
        let traditional = AnalysisRunTests.engine.analyse(
            TranscriptReader.parse(text: String(text.map { toTraditional[$0] ?? $0 }), id: "002", path: path))
        #expect(traditional.answers.count == simplified.answers.count)
        let codes = { (a: CorpusAnalysis) in a.answers.map { Set($0.score.detections.map(\.code)) } }
        let same = zip(codes(simplified), codes(traditional)).filter { $0 == $1 }.count
        // A few characters do not round-trip through the table; the rest must agree.
        #expect(Double(same) / Double(simplified.answers.count) >= 0.95)
        let grades = zip(simplified.answers, traditional.answers).filter { $0.score.grade == $1.score.grade }.count
        #expect(Double(grades) / Double(simplified.answers.count) >= 0.95)
    }
}

/// One large file of many calls: read once, its calls analysed on every core, nothing lost.
@Suite struct LargeSingleFileTests {
    @Test func aFileOfManyCallsIsAnalysedCompletely() async throws {
        let root = ProjectLayout.root()!
        let one = try String(contentsOfFile: root + "/corpus/002_47a418d72e20b9bc.txt", encoding: .utf8)
        let copies = 16
        let folder = try TemporaryFolder("large")
        defer { folder.remove() }
        let path = try folder.write("large.txt", String(repeating: one + "\n", count: copies))

        let engine = AnalysisRunTests.engine
        let single = engine.analyse(TranscriptReader.readDocuments(at: [root + "/corpus/002_47a418d72e20b9bc.txt"])[0])
        let result = try await engine.stream(TranscriptReader.sources(at: [path]), jobs: 2, formats: [.csv, .json],
                                             makeStream: { ReportStream(memory: $0) })
        let totals = result.summary.totals
        #expect(totals.documents == 1 && totals.analysed == 1)
        #expect(totals.calls == copies * single.calls.count)
        #expect(totals.answers == copies * single.answers.count)
        // Repeats inside one document are not taken for copies of another document's call.
        #expect(totals.duplicateCalls == 0)
        let csv = try #require(result.files.first { $0.name == "answers.csv" }?.contents)
        #expect(csv.components(separatedBy: "\r\n").count - 2 == totals.answers)
        // Written call by call, the files are those of the whole document analysed at once.
        #expect(totals.calls >= AnalysisEngine.callsStreamedOneByOne)
        let whole = ReportWriter.render(await engine.run(TranscriptReader.sources(at: [path]), jobs: 2).analysis,
                                        resources: engine.scoring, formats: [.csv, .json], provenance: engine.provenance)
        #expect(whole.map(\.contents) == result.files.map { $0.contents ?? "" })
    }
}
