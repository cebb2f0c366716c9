import Foundation
import Testing
import TuiweiCore
import TuiweiCorpus
import TuiweiTestSupport
@testable import TuiweiTranscript

/// Every kind of bad input gives either a correct structure or a clear, file-naming reason, and
/// the document is always reported.
@Suite final class BadInputTests {
    let folder: TemporaryFolder
    let dir: String

    init() throws {
        folder = try TemporaryFolder("bad")
        dir = folder.path
    }

    deinit { folder.remove() }

    /// Writes a file into the test's folder.
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        (try? folder.write(name, bytes: bytes)) ?? folder.sub(name)
    }

    let dialogue = "ＣＬＢ：请问是总工会吗？\n总工会：是的。\nＣＬＢ：谢谢。\n总工会：不客气。\n"

    @Test func emptyBinaryAndUndecodableFilesAreSkippedWithTheirReason() throws {
        _ = write("a-empty.txt", [])
        _ = write("b-binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01])
        _ = write("c-bad.txt", Array("好\n好\n".utf8) + [0xFF, 0xFF, 0x41])
        _ = write("d-good.txt", Array(dialogue.utf8))
        let docs = TranscriptReader.readDocuments(at: [dir, dir + "/missing.txt"])
        #expect(docs.map(\.id) == ["a-empty", "b-binary", "c-bad", "d-good", "missing"])
        #expect(docs[0].status == .skipped(reason: "the file is empty"))
        #expect(docs[1].status.description.contains("binary"))
        #expect(docs[2].status.description.contains("line 3"))
        #expect(docs[3].status == .analysed && docs[3].kind == .transcript)
        #expect(docs[4].status == .skipped(reason: "no such file or directory"))
        // A skipped document's error names its file.
        #expect(docs[2].diagnostics.first?.description.hasPrefix(dir + "/c-bad.txt: error:") == true)
    }

    @Test func encodingsAndLineEndsAllGiveTheSameStructure() throws {
        let crlf = dialogue.replacingOccurrences(of: "\n", with: "\r\n")
        let mixed = "ＣＬＢ：请问是总工会吗？\r\n总工会：是的。\rＣＬＢ：谢谢。\n总工会：不客气。"
        let utf16le: [UInt8] = [0xFF, 0xFE] + dialogue.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16be: [UInt8] = [0xFE, 0xFF] + dialogue.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let inputs: [(String, [UInt8])] = [
            ("utf8.txt", Array(dialogue.utf8)), ("bom.txt", [0xEF, 0xBB, 0xBF] + Array(dialogue.utf8)),
            ("crlf.txt", Array(crlf.utf8)), ("mixed.txt", Array(mixed.utf8)),
            ("le.txt", utf16le), ("be.txt", utf16be),
        ]
        for (name, bytes) in inputs {
            let d = TranscriptReader.read(CorpusSource(id: name, path: write(name, bytes)))
            #expect(d.status == .analysed, "\(name)")
            #expect(d.calls.first?.turns.map(\.text) == ["请问是总工会吗？", "是的。", "谢谢。", "不客气。"], "\(name)")
        }
    }

    @Test func truncatedUTF8KeepsWhatCameBeforeAndWarns() {
        let bytes = Array(dialogue.utf8).dropLast(1) + [0xE5, 0xB7]
        let d = TranscriptReader.read(CorpusSource(id: "t", path: write("t.txt", Array(bytes))))
        #expect(d.status == .analysed)
        #expect(d.calls.first?.turns.count == 4)
        #expect(d.diagnostics.contains { $0.severity == .warning && $0.message.contains("UTF-8") })
    }

    @Test func brokenLinkInADirectoryIsReported() throws {
        _ = write("ok.txt", Array(dialogue.utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/gone.txt", withDestinationPath: dir + "/nowhere.txt")
        let docs = TranscriptReader.readDocuments(at: [dir])
        #expect(docs.count == 2)
        #expect(docs.first { $0.id == "gone" }?.status.isAnalysed == false)
    }

    @Test func labelsWithoutSpeechAndSpeechWithoutLabels() {
        let labelsOnly = parse("ＣＬＢ：\n总工会：\nＣＬＢ：\n总工会：\n")
        #expect(labelsOnly.kind == .transcript)
        #expect(labelsOnly.calls[0].turns.allSatisfy { $0.text.isEmpty })
        #expect(labelsOnly.diagnostics.filter { $0.message.contains("no speech") }.count == 4)

        let speechOnly = parse("请问是总工会吗？\n是的。\n谢谢。\n不客气。\n")
        #expect(speechOnly.kind != .transcript)
        #expect(speechOnly.paragraphs.map(\.text).joined() == "请问是总工会吗？是的。谢谢。不客气。")
        #expect(!speechOnly.diagnostics.isEmpty)
    }

    @Test func aTranscriptWithAHundredThousandTurns() {
        var text = "第一通电话：某市总工会\n"
        for i in 0..<50_000 { text += "ＣＬＢ：第\(i)个问题？\n某市总工会：不清楚。\n" }
        let d = parse(text)
        #expect(d.calls.count == 1)
        #expect(d.calls[0].turns.count == 100_000)
        #expect(d.calls[0].exchanges.count == 50_000)
        #expect(d.calls[0].turns.last?.lines == 100_001...100_001)
    }

    /// A warning repeated on many lines is kept a hundred times, then counted once.
    @Test func aWarningOnEveryLineIsKeptAHundredTimesThenCounted() {
        var text = "第一通电话：某市总工会\n"
        for i in 0..<250 { text += "没有标签的第\(i)行文字\n" }
        text += "ＣＬＢ：请问工会管不管？\n某市总工会：不清楚。\nＣＬＢ：为什么？\n某市总工会：不知道。\n"
        let d = parse(text)
        #expect(d.kind == .transcript)
        #expect(d.calls[0].unattributed.count == 250)
        let outside = d.diagnostics.filter { $0.message == "text without a speaker label outside any turn; kept as unattributed text" }
        #expect(outside.count == TranscriptBuilder.warningsKept)
        #expect(outside.last?.line == 101)
        let counted = d.diagnostics.filter { $0.message.hasPrefix("150 more warnings like this one after line 101, the last at line 251:") }
        #expect(counted.count == 1)
    }
}
