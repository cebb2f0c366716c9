import Foundation
import Testing
import TuiweiTestSupport
import TuiweiReports

/// A run cannot hurt another run or a previous report: it owns its folder while it writes, puts
/// the new set of reports in place as one step, and leaves nothing behind when it stops early.
@Suite(.serialized) struct OutputSafetyTests {
    @Test func aSecondRunOnAFolderInUseStopsWithAClearMessage() throws {
        let tmp = try TemporaryFolder("busy")
        defer { tmp.remove() }
        let out = tmp.sub("out")
        #expect(try ToolProcess.run(["analyze", "--out", out, "--quiet"]).status == 0)
        let before = try TemporaryFolder.snapshot(out)
        // Another run holds the folder.
        let holder = try OutputFolder(path: out)
        let second = try ToolProcess.run(["analyze", "--out", out, "--quiet"])
        #expect(second.status == 75)
        #expect(second.stderr.contains("another tuiwei run is writing to this folder"))
        #expect(try TemporaryFolder.snapshot(out) == before)
        holder.abandon()
        #expect(try TemporaryFolder.snapshot(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted() == ["out"])
    }

    @Test func twoRunsAtOnceOnOneFolderNeverTruncateEachOther() throws {
        let tmp = try TemporaryFolder("race")
        defer { tmp.remove() }
        let corpus = try tmp.corpus(copies: 20)
        let reference = tmp.sub("reference")
        #expect(try ToolProcess.run(["analyze", corpus, "--out", reference, "--quiet"]).status == 0)
        let expected = try TemporaryFolder.snapshot(reference)
        let out = tmp.sub("out")
        let runs = [ToolProcess(["analyze", corpus, "--out", out, "--quiet"]), ToolProcess(["analyze", corpus, "--out", out, "--quiet"])]
        for r in runs { try r.start() }
        let statuses = runs.map { $0.finish().status }.sorted()
        // Both complete, or one refuses while the other writes.
        #expect(statuses == [0, 0] || statuses == [0, 75])
        #expect(try TemporaryFolder.snapshot(out) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted() == ["corpus", "out", "reference"])
    }

    @Test func aRunKilledMidwayLeavesThePreviousReportAndNoPartialFile() throws {
        let tmp = try TemporaryFolder("kill")
        defer { tmp.remove() }
        let out = tmp.sub("out")
        #expect(try ToolProcess.run(["analyze", "--out", out, "--quiet"]).status == 0)
        try Data("the user's own notes".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        let before = try TemporaryFolder.snapshot(out)
        let corpus = try tmp.corpus(copies: 60)
        let run = ToolProcess(["analyze", corpus, "--out", out, "--quiet"])
        try run.start()
        // Wait until the run is writing (its staging folder exists), then stop it.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, try FileManager.default.contentsOfDirectory(atPath: tmp.path).count < 3 { usleep(20_000) }
        usleep(1_500_000)
        run.process.terminate()
        let result = run.finish()
        #expect(result.status == 128 + SIGTERM)
        #expect(try TemporaryFolder.snapshot(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted() == ["corpus", "out"])
    }

    @Test func aNewReportReplacesTheOldSetAndKeepsOtherFiles() throws {
        let tmp = try TemporaryFolder("replace")
        defer { tmp.remove() }
        let out = tmp.sub("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: out + "/report.md"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        #expect(try ToolProcess.run(["analyze", "--out", out, "--quiet", "--format", "md,csv"]).status == 0)
        let after = try TemporaryFolder.snapshot(out)
        #expect(after.keys.sorted() == ["answers.csv", "notes.txt", "officials.csv", "referrals.csv", "report.md"])
        #expect(after["notes.txt"] == Data("mine".utf8))
        #expect(after["report.md"] != Data("stale".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["out"])
    }

    @Test func anOutputPathThatIsAFileIsRefusedBeforeAnyWork() throws {
        let tmp = try TemporaryFolder("file")
        defer { tmp.remove() }
        let file = tmp.sub("report.txt")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let r = try ToolProcess.run(["analyze", "--out", file, "--quiet"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("is a file, not a folder"))
        #expect(FileManager.default.contents(atPath: file) == Data("x".utf8))
        let missingValue = try ToolProcess.run(["analyze", "--out", "--quiet"])
        #expect(missingValue.status == 64)
        #expect(missingValue.stderr.contains("--out needs a value"))
        #expect(!FileManager.default.fileExists(atPath: "--quiet"))
    }
}

/// Standard input is read once and held for both passes of a run.
@Suite struct StandardInputTests {
    @Test func analyzeReadsStandardInputOnceForBothPasses() throws {
        let tmp = try TemporaryFolder("stdin")
        defer { tmp.remove() }
        let corpus = ToolProcess.root + "/corpus"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".txt") }.sorted().first)
        let input = try #require(FileHandle(forReadingAtPath: corpus + "/" + name))
        defer { try? input.close() }
        let r = try ToolProcess.run(["analyze", "-", "--out", tmp.sub("out"), "--quiet", "--format", "json"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("skipped"))
        let jsonl = try String(contentsOfFile: tmp.sub("out") + "/analysis.jsonl", encoding: .utf8)
        #expect(jsonl.contains("\"type\":\"answer\""))
    }
}
