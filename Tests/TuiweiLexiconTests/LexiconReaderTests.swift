import Foundation
import Testing
import TuiweiCore
import TuiweiTestSupport
@testable import TuiweiLexicon

@Suite struct LexiconReaderTests {
    @Test func readsEntriesWithWeightNoteAndConditions() throws {
        let text = "\u{FEFF}# comment\r\n\r\nIGNORANCE\t不(太)?清楚\t1.5\tclaims not to know\r\nCOUNTER_QUESTION:question\t(你|您)…了解吗\nREPORTED:sentence\t听说\n"
        let parsed = Lexicon.parse(text: text, file: "x.tsv", normaliser: TextNormaliser())
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.entries.count == 3)
        let first = try #require(parsed.entries.first)
        #expect(first.category == .code(.ignorance))
        #expect(first.weight == 1.5)
        #expect(first.note == "claims not to know")
        #expect(first.rule == RuleReference(file: "x.tsv", line: 3))
        #expect(parsed.entries[1].conditions == .question)
        #expect(parsed.entries[1].weight == 1)
        #expect(parsed.entries[2].category == .reported)
        #expect(parsed.entries[2].conditions == .sentence)
    }

    @Test(arguments: [
        ("IGNORANCE 不清楚", "tab, not spaces"),
        ("IGNORANCE", "CATEGORY<tab>PATTERN"),
        ("IGNORANT\t不清楚", "unknown category 'IGNORANT'"),
        ("IGNORANCE\t不清楚\theavy", "weight 'heavy'"),
        ("IGNORANCE\t不清楚\t-1", "weight '-1'"),
        ("IGNORANCE:loud\t不清楚", "unknown condition 'loud'"),
        ("NEGATION:question\t不是说", "take no conditions"),
        ("REPORTED:start\t听说", "only :sentence"),
        ("IGNORANCE\t(不清楚", "never closed"),
    ])
    func malformedLineIsAnErrorWithItsLine(line: String, message: String) {
        let parsed = Lexicon.parse(text: "# header\nHEDGE\t可能\n" + line + "\n", file: "bad.tsv", normaliser: TextNormaliser())
        #expect(parsed.entries.count == 1)
        let d = parsed.diagnostics.first
        #expect(parsed.diagnostics.count == 1)
        #expect(d?.file == "bad.tsv")
        #expect(d?.line == 3)
        #expect(d?.severity == .error)
        #expect(d?.message.contains(message) == true, "\(d?.message ?? "")")
    }

    @Test func patternErrorPointsAtTheColumn() {
        let parsed = Lexicon.parse(text: "IGNORANCE\t不(清楚\n", file: "x.tsv", normaliser: TextNormaliser())
        #expect(parsed.diagnostics.first?.column == 12)
        #expect(parsed.diagnostics.first?.description.hasPrefix("x.tsv:1:12: error: invalid pattern") == true)
    }

    @Test func nothingIsHalfLoaded() throws {
        let folder = try TemporaryFolder("lex")
        defer { folder.remove() }
        let dir = folder.path
        try folder.write("a.tsv", "HEDGE\t可能\n")
        try folder.write("b.tsv", "IGNORANCE\t不清楚\nBOGUS\t什么\n")
        #expect {
            _ = try Lexicon.load(paths: [dir], normaliser: TextNormaliser())
        } throws: { error in
            guard let e = error as? LexiconError else { return false }
            return e.diagnostics.count == 1 && e.diagnostics[0].file.hasSuffix("b.tsv") && e.diagnostics[0].line == 2
        }
        try FileManager.default.removeItem(atPath: dir + "/b.tsv")
        let lexicon = try Lexicon.load(paths: [dir], normaliser: TextNormaliser())
        #expect(lexicon.entries.count == 1)
    }

    @Test func missingFileIsAnError() {
        #expect(throws: LexiconError.self) {
            _ = try Lexicon.load(paths: ["/nonexistent/lexicon.tsv"], normaliser: TextNormaliser())
        }
    }

    @Test func shippedLexiconsLoadAndCoverEveryCode() throws {
        let codes = Set(shippedDetector.lexicon.entries.compactMap(\.category.code))
        #expect(codes == Set(Code.allCases))
        #expect(shippedDetector.lexicon.entries.contains { $0.category == .negation })
        #expect(shippedDetector.lexicon.entries.contains { $0.category == .reported })
    }
}
