import Foundation
import Testing
import TuiweiCore
import TuiweiCorpus
import TuiweiTestSupport
@testable import TuiweiTranscript

/// The transcript stage's words are data: a copy of `lexicons/transcript/` is read, checked with
/// `file:line` messages, and what it says changes how a transcript is read, without recompiling.
@Suite struct ConventionsTests {
    /// Copies the shipped files into `folder`; its path.
    func copyOfShipped(into folder: TemporaryFolder) throws -> String {
        for file in TranscriptConventions.schema.keys {
            try FileManager.default.copyItem(atPath: try #require(TranscriptConventions.shippedDirectory) + "/" + file, toPath: folder.sub(file))
        }
        return folder.path
    }

    func append(_ text: String, to path: String) throws {
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        try h.close()
    }

    @Test func theShippedFilesAreClean() throws {
        let dir = try #require(TranscriptConventions.shippedDirectory)
        #expect(TranscriptConventions.check(directory: dir, normaliser: TextNormaliser()).isEmpty)
        let c = try TranscriptConventions.shipped()
        #expect(c.roleWord(endingAt: c.fold("外交部發言人"))?.role == .official, "traditional spellings fold to the listed word")
    }

    @Test func mistakesAreReportedWithTheirLine() throws {
        let folder = try TemporaryFolder("conventions")
        defer { folder.remove() }
        let dir = try copyOfShipped(into: folder)
        let lines = try String(contentsOfFile: dir + "/roles.tsv", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
        try append("officail\t局长\nofficial\n", to: dir + "/roles.tsv")
        let found = TranscriptConventions.check(directory: dir, normaliser: TextNormaliser())
        #expect(found.contains { $0.severity == .error && $0.line == lines && $0.message.contains("unknown class 'officail'") })
        #expect(found.contains { $0.severity == .error && $0.line == lines + 1 })
        #expect(throws: Diagnostic.self) { try TranscriptConventions.load(directory: dir, normaliser: TextNormaliser()) }
        try FileManager.default.removeItem(atPath: dir + "/calls.tsv")
        #expect(TranscriptConventions.check(directory: dir, normaliser: TextNormaliser()).contains { $0.file.hasSuffix("calls.tsv") && $0.severity == .error })
    }

    @Test func crOnlyLineEndsAreRead() throws {
        let folder = try TemporaryFolder("conventions")
        defer { folder.remove() }
        let dir = try copyOfShipped(into: folder)
        let text = try String(contentsOfFile: dir + "/roles.tsv", encoding: .utf8).replacingOccurrences(of: "\n", with: "\r")
        try text.write(toFile: dir + "/roles.tsv", atomically: true, encoding: .utf8)
        let c = try TranscriptConventions.load(directory: dir, normaliser: TextNormaliser())
        #expect(c.roleWord(endingAt: c.fold("局长"))?.role == .official)
    }

    @Test func aRoleWordAddedToTheDataChangesTheReading() throws {
        let text = "主持人：您是哪一年进厂的？\n王厂医：一九九八年。\n主持人：厂里给工人体检吗？\n王厂医：每年一次。"
        let before = TranscriptReader.parse(text: text, id: "t", path: "t.txt")
        #expect(before.calls[0].speakers.first { $0.label == "王厂医" }?.isOfficial == false)
        let folder = try TemporaryFolder("conventions")
        defer { folder.remove() }
        let dir = try copyOfShipped(into: folder)
        try append("official\t厂医\n", to: dir + "/roles.tsv")
        let c = try TranscriptConventions.load(directory: dir, normaliser: TextNormaliser())
        let after = TranscriptParser.parse(SourceText(id: "t", path: "t.txt", encoding: "UTF-8", text: text), conventions: c)
        let doctor = try #require(after.calls[0].speakers.first { $0.label == "王厂医" })
        #expect(doctor.isOfficial)
        #expect(doctor.evidence.contains { $0.contains("厂医") })
    }

    @Test func aDialogueNoLabelCouldBeReadFromSaysSo() {
        let d = TranscriptReader.parse(text: "甲说：去不去？\n乙说：不去。\n甲说：为什么？", id: "t", path: "t.txt")
        guard case .unread(let reason) = d.status else { Issue.record("status \(d.status)"); return }
        #expect(reason.contains("甲说"))
        #expect(!d.status.isAnalysed)
        #expect(d.diagnostics.contains { $0.severity == .warning })
        #expect(d.labels.contains { $0.written == "乙说" && !$0.accepted })
    }
}
