import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TuiweiTestSupport
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring
@testable import TuiweiReports

@Suite struct ReportWriterTests {
    @Test func writesEveryFileDeterministically() throws {
        let folder = try TemporaryFolder("report")
        defer { folder.remove() }
        let dir = folder.sub("out")
        let paths = try ReportWriter.write(Fixture.whole, resources: Fixture.resources, to: dir, formats: ReportFormat.allCases).files.compactMap(\.path)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["report.md", "report.html", "analysis.jsonl", "answers.csv", "officials.csv", "referrals.csv"])
        for p in paths { #expect(FileManager.default.fileExists(atPath: p)) }
        // Same inputs merged in another order give the same bytes.
        let reordered = Fixture.analysis([Fixture.skipped, Fixture.transcript(id: "b"), Fixture.article, Fixture.transcript(id: "a")])
        let one = ReportWriter.render(Fixture.whole, resources: Fixture.resources, formats: ReportFormat.allCases)
        let two = ReportWriter.render(reordered, resources: Fixture.resources, formats: ReportFormat.allCases)
        #expect(one.map(\.contents) == two.map(\.contents))
        // The files on disk are the files rendered in memory.
        for (name, contents) in one {
            #expect(try String(contentsOfFile: (dir as NSString).appendingPathComponent(name), encoding: .utf8) == contents)
        }
        // No partial files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == one.map(\.name).sorted())
    }

    @Test func emptyAndAllSkippedRunsStillRender() throws {
        for docs in [[], [Fixture.skipped]] {
            let analysis = CorpusAnalysis.merged(docs.map {
                CorpusAnalysis.analysing($0, scorer: AnswerScorer(resources: Fixture.resources), detections: { _ in [] }, words: words)
            })
            let files = ReportWriter.render(analysis, resources: Fixture.resources, formats: ReportFormat.allCases)
            #expect(files.count == 6)
            _ = try XMLDocument(data: Data(files[1].contents.utf8), options: [])
            #expect(parseCSV(files[3].contents).count == 1)
            // One of a thing is written in the singular.
            #expect(files[0].contents.contains(docs.isEmpty ? "0 documents (0 analysed, 0 skipped), 0 calls" : "1 document (0 analysed, 1 skipped), 0 calls"))
            #expect(files[2].contents.split(separator: "\n").count == 1 + docs.count)
        }
    }

    @Test func reportsToReadListTheFirstDocumentsAndEverySkippedOne() throws {
        let files = ReportWriter.render(Fixture.whole, resources: Fixture.resources, formats: [.markdown, .html, .json],
                                        limits: .init(documents: 1, calls: 1, answers: 1))
        let md = try #require(files.first { $0.name == "report.md" }).contents
        let html = try #require(files.first { $0.name == "report.html" }).contents
        let jsonl = try #require(files.first { $0.name == "analysis.jsonl" }).contents
        for text in [md, html] {
            #expect(text.contains("corpus/a.txt") && text.contains("corpus/broken.txt"))
            #expect(!text.contains("corpus/news.txt"))
            #expect(text.contains("2 more documents, all analysed, are listed in analysis.jsonl."))
            #expect(text.contains("1 more call is profiled in analysis.jsonl."))
        }
        // The file people load keeps every document.
        #expect(jsonl.components(separatedBy: "\"type\":\"document\"").count - 1 == 4)
    }

    @Test func unwritableFolderIsADiagnostic() {
        #expect(throws: Diagnostic.self) { try ReportWriter.write(Fixture.whole, resources: Fixture.resources, to: "/proc/tuiwei-cannot", formats: [.markdown]) }
    }

    @Test func formatList() throws {
        #expect(try ReportFormat.parseList("md, html,json,csv").get() == [.markdown, .html, .json, .csv])
        #expect(try ReportFormat.parseList("jsonl,markdown").get() == [.json, .markdown])
        guard case .failure(let e) = ReportFormat.parseList("md,pdf") else { Issue.record("pdf accepted"); return }
        #expect(e.name == "pdf")
    }
}

/// A report file is the texts written to it, in order, whatever their sizes, and a full disk is
/// reported however the bytes reached it.
@Suite struct TextSinkTests {
    @Test func textsOfEverySizeReachTheFileInOrder() throws {
        let folder = try TemporaryFolder("sink")
        defer { folder.remove() }
        let dir = folder.path
        let big = String(repeating: "大段文字", count: TextSink.bufferSize / 6)
        let part = try TextSink(path: dir + "/part")
        try part.write(big)
        let texts = ["头", big, "中", String(repeating: "x", count: TextSink.bufferSize - 1), "尾"]
        let sink = try TextSink(path: dir + "/out")
        for t in texts { try sink.write(t) }
        try part.copy(into: sink)
        try sink.write("完")
        try sink.close()
        #expect(try String(contentsOfFile: dir + "/out", encoding: .utf8) == texts.joined() + big + "完")
    }

    @Test func aFullDiskIsADiagnosticForLargeAndSmallWrites() throws {
        let folder = try TemporaryFolder("sink")
        defer { folder.remove() }
        let dir = folder.path
        let big = String(repeating: "y", count: TextSink.bufferSize + 10)
        for (n, writes) in [[big], ["a", big], ["a", "b"]].enumerated() {
            let sink = try TextSink(path: dir + "/out\(n)", budget: OutputFolder.WriteBudget(bytes: 1))
            let error = #expect(throws: Diagnostic.self) {
                for w in writes { try sink.write(w) }
                try sink.close()
            }
            #expect(error?.message.contains("free space") == true)
        }
    }
}

/// A run that fails while writing (here a full disk, injected) leaves the previous reports as
/// they were and no partial file.
@Suite struct ReportFolderFailureTests {
    @Test func aFullDiskLeavesThePreviousReportByteIdentical() throws {
        let folder = try TemporaryFolder("full")
        defer { folder.remove() }
        let parent = folder.path
        let dir = folder.sub("out")
        _ = try ReportWriter.write(Fixture.whole, resources: Fixture.resources, to: dir, formats: ReportFormat.allCases)
        func snapshot() throws -> [String: Data] { try TemporaryFolder.snapshot(dir) }
        let before = try snapshot()
        let total = before.values.reduce(0) { $0 + $1.count }
        for budget in [0, 100, total / 2, total - 1] {
            let folder = try OutputFolder(path: dir, budget: OutputFolder.WriteBudget(bytes: budget))
            let error = #expect(throws: Diagnostic.self) {
                try ReportWriter.write(Fixture.whole, resources: Fixture.resources, to: folder, formats: ReportFormat.allCases)
            }
            #expect(error?.message.contains("free space") == true)
            #expect(try snapshot() == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
        }
    }

    @Test func aFolderHeldByAnotherRunIsBusy() throws {
        let folder = try TemporaryFolder("held")
        defer { folder.remove() }
        let dir = folder.sub("out")
        let first = try OutputFolder(path: dir)
        #expect(throws: OutputFolder.Busy.self) { try OutputFolder(path: dir) }
        first.abandon()
        // Given back, it can be taken again.
        let second = try OutputFolder(path: dir)
        second.abandon()
    }
}
