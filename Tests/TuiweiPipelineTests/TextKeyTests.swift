import Testing
import TuiweiCore
import TuiweiLexicon
@testable import TuiweiPipeline

@Suite struct TextKeyTests {
    @Test func keysAreEqualExactlyWhenTheirBytesAre() {
        let texts = ["", "a", "工会", "工会主席", "工會", "e\u{301}", "\u{E9}", String(repeating: "不清楚", count: 40)]
        for a in texts {
            for b in texts {
                #expect((UTF8Key(a) == UTF8Key(b)) == Array(a.utf8).elementsEqual(Array(b.utf8)))
            }
        }
        // Canonically equivalent spellings stay apart: the key is the text as written.
        let table = Dictionary(uniqueKeysWithValues: texts.map { (UTF8Key($0), $0) })
        #expect(table.count == texts.count)
        for t in texts { #expect(table[UTF8Key(String(t.unicodeScalars))] == t) }
    }

    @Test(arguments: 1...10) func foldingIdeographsMatchesFoldingScalarByScalar(seed: UInt64) throws {
        let folder = try AnalysisEngine.load().detection.detector.lexicon.folder
        var g = SplitMix64(seed: seed)
        let alphabet = Array("這個問題你們工會說了不清楚會議ABCz09１２，。".unicodeScalars)
        for _ in 0..<50 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...30, using: &g)).map { _ in
                alphabet[Int.random(in: 0..<alphabet.count, using: &g)]
            }))
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.map {
                $0.value >= 0x3400 ? Unicode.Scalar(folder.fold($0.value)) ?? $0 : $0
            }))
            #expect(folder.foldIdeographs(text) == expected)
            #expect(folder.foldIdeographs(text).unicodeScalars.count == text.unicodeScalars.count)
        }
        #expect(folder.foldIdeographs("這個問題ABC") == "这个问题ABC")
    }
}
