import Foundation
import Testing
import TuiweiCore
import TuiweiTestSupport
@testable import TuiweiLexicon

@Suite struct WordClassTests {
    static let classes = """
        @know\t(清楚|了解|知道|掌握)\tverbs of knowing
        @neg\t(不|没|没有|并不)
        @office\t(人社局|劳动监察大队|主管部门|@unit)
        @unit\t(办公室|街道)
        """

    @Test func oneConstructionCoversEveryWording() {
        let d = detector(Self.classes + "\nIGNORANCE\t@neg@know\t1\n")
        for text in ["这个我不清楚", "我们没掌握", "并不了解", "没有知道"] {
            #expect(d.codes(text) == [.ignorance], "\(text)")
        }
        #expect(d.codes("我很清楚").isEmpty)
    }

    @Test func classesInsideGapsAndClassesNamingClasses() {
        let d = detector(Self.classes + "\nREFERRAL\t(请|建议)…{8}@office…{4}(反映|询问)\n")
        #expect(d.codes("建议您向劳动监察大队反映") == [.referral])
        #expect(d.codes("请您到街道去询问") == [.referral])   // @unit inside @office
        #expect(d.codes("建议您向我们反映").isEmpty)
    }

    @Test func aClassMayBeDefinedInAnotherFileOfTheFolder() throws {
        let folder = try TemporaryFolder("classes")
        defer { folder.remove() }
        let dir = folder.path
        try folder.write("a-classes.tsv", "@know\t(清楚|了解)\n")
        try folder.write("z-entries.tsv", "IGNORANCE\t不@know\n")
        let lexicon = try Lexicon.load(paths: [dir], normaliser: TextNormaliser())
        #expect(lexicon.entries.count == 1)
        #expect(lexicon.classes.names == ["know"])
        #expect(Detector(lexicon: lexicon).codes("我不了解") == [.ignorance])
        // kwic patterns use the loaded classes too.
        #expect(try Pattern("没@know", classes: lexicon.classes).classesUsed == ["know"])
    }

    @Test func unknownClassIsAnErrorAtItsLineAndColumn() {
        let parsed = Lexicon.parse(text: "@know\t(清楚|了解)\nIGNORANCE\t不@knwo\n", file: "x.tsv", normaliser: TextNormaliser())
        #expect(parsed.entries.isEmpty)
        let d = try! #require(parsed.diagnostics.first)
        #expect(d.file == "x.tsv" && d.line == 2)
        #expect(d.column == 12)
        #expect(d.message.contains("unknown word class '@knwo'") && d.message.contains("@know"))
    }

    @Test func badDefinitionsNameTheirLines() {
        let text = """
            @know\t(清楚|了解)
            @know\t(明白)
            @gap\t不…清楚
            @a\t(x|@b)
            @b\t(y|@a)
            @bad!\t(x)
            @empty
            IGNORANCE\t不@know
            """
        let parsed = Lexicon.parse(text: text, file: "c.tsv", normaliser: TextNormaliser())
        let byLine = Dictionary(grouping: parsed.diagnostics, by: { $0.line ?? 0 })
        #expect(byLine[2]?.first?.message.contains("already defined at c.tsv:1") == true)
        #expect(byLine[3]?.first?.message.contains("put gaps") == true)
        #expect(parsed.diagnostics.contains { $0.message.contains("circle") })
        #expect(byLine[6]?.first?.message.contains("ASCII letters") == true)
        #expect(byLine[7]?.first?.message.contains("@NAME<tab>SPELLINGS") == true)
        #expect(parsed.entries.count == 1, "the entry using the good class still loads")
    }

    @Test func unusedClassIsALintWarning() throws {
        let folder = try TemporaryFolder("classlint")
        defer { folder.remove() }
        let dir = folder.path
        try folder.write("l.tsv", "@know\t(清楚|了解)\n@inner\t(甲|乙)\n@outer\t(@inner|丙)\n@spare\t(x|y)\nIGNORANCE\t不@know\nREFERRAL\t找@outer\n")
        let warnings = LexiconLint.check(paths: [dir], normaliser: TextNormaliser()).filter { $0.message.contains("no entry uses it") }
        #expect(warnings.map(\.line) == [4], "only @spare; @inner is used through @outer")
    }

    @Test func largeCombinationsCompileWithoutListingSpellings() throws {
        // 40 × 40 × 40 spellings would exceed the listing limit; the form matches them all.
        let words = (0..<40).map { String(UnicodeScalar(0x4E00 + $0)!) }.joined(separator: "|")
        let lines = "@a\t(\(words))\n@b\t(\(words))\n@c\t(\(words))\nREFERRAL\t找@a@b@c吧\n"
        let parsed = Lexicon.parse(text: lines, file: "big.tsv", normaliser: TextNormaliser())
        #expect(parsed.diagnostics.isEmpty)
        let p = try #require(parsed.entries.first?.pattern)
        #expect(!p.isEnumerated)
        let d = Detector(lexicon: Lexicon(entries: parsed.entries, normaliser: TextNormaliser()))
        #expect(d.codes("找\u{4E01}\u{4E27}\u{4E00}吧") == [.referral])
        #expect(d.codes("找\u{4E01}\u{4E27}吧").isEmpty)
    }

    @Test func shippedLexiconsUseClassesAndCoverStockMoves() {
        #expect(!shippedDetector.lexicon.classes.names.isEmpty)
        #expect(shippedDetector.lexicon.entries.contains { !$0.pattern.classesUsed.isEmpty })
        let cases: [(String, Code)] = [
            ("我不掌握有关情况。", .ignorance),
            ("请向主管部门询问。", .referral),
            ("无可奉告。", .nonCommitment),
            ("中方的立场是一贯的、明确的。", .boilerplate),
            ("您反映的问题不属于我单位职责范围。", .jurisdiction),
            ("建议您向当地劳动监察部门反映。", .referral),
            ("您的来信已转交相关部门办理。", .referral),
        ]
        for (text, code) in cases {
            #expect(shippedDetector.codes(text).contains(code), "\(text) → \(code)")
        }
    }
}

@Suite struct PatternLimitTests {
    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        let e = syntaxError(String(deep.prefix(Pattern.maximumLength)))
        #expect(e != nil)
        let nested = String(repeating: "(", count: 30) + "a" + String(repeating: ")", count: 30)
        #expect(syntaxError(nested)?.message.contains("nest more than \(Pattern.maximumDepth)") == true)
        let fine = String(repeating: "(", count: 10) + "a" + String(repeating: ")", count: 10)
        #expect(syntaxError(fine) == nil)
    }

    @Test func overLongPatternIsAnError() {
        let long = String(repeating: "好", count: Pattern.maximumLength + 1)
        #expect(syntaxError(long)?.message.contains("limit of \(Pattern.maximumLength)") == true)
        #expect(syntaxError(String(repeating: "好", count: 300_000)) != nil)
    }

    @Test func longLiteralCompilesInLinearTime() throws {
        let clock = ContinuousClock()
        let long = String(repeating: "好", count: Pattern.maximumLength)
        let elapsed = try clock.measure { _ = try Pattern(long) }
        #expect(elapsed < .seconds(2))
        #expect(try Pattern(long).expansions.first?.minimumLength == Pattern.maximumLength)
    }
}
