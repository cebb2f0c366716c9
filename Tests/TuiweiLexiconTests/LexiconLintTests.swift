import Foundation
import Testing
import TuiweiCore
import TuiweiTestSupport
@testable import TuiweiLexicon

@Suite struct LexiconLintTests {
    func lint(_ text: String) throws -> [Diagnostic] {
        try TemporaryFolder.with("lint") { folder in
            try folder.write("x.tsv", text)
            return LexiconLint.check(paths: [folder.path], normaliser: TextNormaliser())
        }
    }

    @Test func syntaxAndUnknownCategory() throws {
        let d = try lint("IGNORANCE\t(不清楚\nIGNORANT\t不知道\n")
        #expect(d.count == 2)
        #expect(d.allSatisfy { $0.severity == .error })
        #expect(d.map(\.line) == [1, 2])
        #expect(d[1].message.contains("unknown category"))
    }

    @Test func duplicateEntries() throws {
        let d = try lint("IGNORANCE\t不(太|很)清楚\nIGNORANCE\t不(很|太)清楚\n")
        #expect(d.count == 1)
        #expect(d.first?.severity == .error)
        #expect(d.first?.line == 2)
        #expect(d.first?.message.contains("duplicate of") == true)
    }

    @Test func samePatternInTwoCategories() throws {
        let d = try lint("IGNORANCE\t不清楚\nHEDGE\t不清楚\n")
        #expect(d.first?.severity == .warning)
        #expect(d.first?.message.contains("also IGNORANCE") == true)
    }

    @Test func shadowedEntry() throws {
        let d = try lint("IGNORANCE\t不清楚\nIGNORANCE\t(我|我们)不清楚\n")
        #expect(d.count == 1)
        #expect(d.first?.line == 2)
        #expect(d.first?.message.contains("shadowed by") == true)
    }

    @Test func entriesThatCanNeverMatch() throws {
        let d = try lint("DIRECT:start\t嗯没有\nCOUNTER_QUESTION:question\t你好。了解吗\n")
        #expect(d.count == 2)
        #expect(d.allSatisfy { $0.severity == .error && $0.message.contains("can never match") })
    }

    @Test func shippedLexiconsAreClean() throws {
        let dir = try #require(Lexicon.shippedDirectory)
        let d = LexiconLint.check(paths: [dir], normaliser: try TextNormaliser.shipped())
        #expect(d.isEmpty, "\(d.map(\.description))")
    }
}
