import Foundation
import Testing
import TuiweiCore
import TuiweiTestSupport
@testable import TuiweiLexicon

@Suite struct ScriptFoldingTests {
    @Test func shippedTableFoldsTraditionalToSimplified() throws {
        let normaliser = try TextNormaliser.shipped()
        #expect(normaliser.tableSize > 2000)
        #expect(normaliser.fold("這個我們不是很清楚") == normaliser.fold("这个我们不是很清楚"))
        #expect(normaliser.fold("給領導彙報") == normaliser.fold("给领导汇报"))
    }

    @Test func simplifiedPatternMatchesTraditionalTextAtOriginalOffsets() throws {
        let normaliser = try TextNormaliser.shipped()
        let text = "喂，這個我們不是很清楚。"
        #expect(try find("不是很清楚", in: text, normaliser: normaliser) == ["不是很清楚"])
        let p = try Pattern("(我们)?不是很清楚", normaliser: normaliser)
        let m = PhraseAutomaton(patterns: [p]).matches(in: normaliser.fold(text))
        #expect(m.first?.range == 4..<11)
    }

    @Test func widthCaseAndDigits() {
        let f = TextNormaliser()
        #expect(f.fold("ＣＬＢ？１２") == f.fold("clb?00"))
        #expect(f.fold("　") == f.fold(" "))
        #expect(f.fold("abc").count == 3)
    }

    @Test func malformedTableNamesTheLine() throws {
        let folder = try TemporaryFolder("fold")
        defer { folder.remove() }
        let path = try folder.write("fold.tsv", "# comment\n這\t这\n個个\n")
        #expect {
            _ = try TextNormaliser.load(path: path)
        } throws: { error in
            (error as? Diagnostic)?.line == 3
        }
    }
}
