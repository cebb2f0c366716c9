import Foundation
import Testing
import TuiweiCore
import TuiweiTestSupport
@testable import TuiweiLexicon

/// Every data file is read the same way: LF, CRLF or CR line ends, with or without a BOM; an
/// empty or missing required file is an error, an empty optional one a warning.
@Suite struct DataFileReadingTests {
    static let body = ["# comment", "IGNORANCE\t不(太)?清楚", "", "REFERRAL\t去问"]

    @Test(arguments: ["\n", "\r\n", "\r"], [false, true])
    func lexiconLinesEndHoweverTheEditorEndsThem(end: String, bom: Bool) {
        let text = (bom ? "\u{FEFF}" : "") + Self.body.joined(separator: end) + end
        let parsed = Lexicon.parse(text: text, file: "x.tsv", normaliser: TextNormaliser())
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.entries.map(\.rule.line) == [2, 4])
    }

    @Test func linesAreNumberedAlikeForEveryLineEnd() {
        #expect(DataFile.lines("a\rb\r\nc\nd").map(\.number) == [1, 2, 3, 4])
        #expect(DataFile.lines("a\rb\r\nc\nd").map { String($0.text) } == ["a", "b", "c", "d"])
        #expect(DataFile.lines("\u{FEFF}a\r\r").map { String($0.text) } == ["a", ""])
        let bytes: [UInt8] = Array("\u{FEFF}a\rb\r\nc\n\nd".utf8)
        let ranges = bytes.withUnsafeBufferPointer { DataFile.lineRanges($0) }
        #expect(ranges.map(\.number) == [1, 2, 3, 4, 5])
        #expect(ranges.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) } == ["a", "b", "c", "", "d"])
    }

    @Test func anEmptyUserLexiconIsAWarningAndAnEmptyRequiredOneAnError() throws {
        let folder = try TemporaryFolder("lex")
        defer { folder.remove() }
        let dir = folder.path
        try folder.write("a.tsv", "IGNORANCE\t不清楚\n")
        try folder.write("empty.tsv", "# nothing yet\n")
        let loaded = try Lexicon.load(paths: [dir], normaliser: TextNormaliser())
        #expect(loaded.entries.count == 1)
        #expect(loaded.warnings.map(\.severity) == [.warning])
        #expect(loaded.warnings.first?.file.hasSuffix("empty.tsv") == true)
        let error = #expect(throws: LexiconError.self) { try Lexicon.load(paths: [dir], normaliser: TextNormaliser(), required: [dir]) }
        #expect(error?.diagnostics.map(\.severity) == [.error])
        #expect(error?.diagnostics.first?.message.contains("no entries") == true)
        // A file named but missing is an error with what to do.
        let missing = #expect(throws: LexiconError.self) { try Lexicon.load(paths: [dir + "/gone.tsv"], normaliser: TextNormaliser()) }
        #expect(missing?.diagnostics.first?.message.contains("missing") == true)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func theFoldingTableTakesEveryLineEnd(end: String) throws {
        let folder = try TemporaryFolder("fold")
        defer { folder.remove() }
        let path = try folder.write("fold.tsv", ["# table", "會\t会", "們\t们"].joined(separator: end))
        let normaliser = try TextNormaliser.load(path: path)
        #expect(normaliser.fold(0x6703) == 0x4F1A)
        #expect(normaliser.fold(0x5011) == 0x4EEC)
    }
}
