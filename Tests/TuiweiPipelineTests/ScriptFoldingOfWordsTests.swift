import Testing
import TuiweiCore
import TuiweiLexicon
@testable import TuiweiPipeline

@Suite struct ScriptFoldingOfWordsTests {
    @Test(arguments: 1...10) func foldingIdeographsMatchesFoldingScalarByScalar(seed: UInt64) throws {
        let normaliser = try AnalysisEngine.load().detection.detector.lexicon.normaliser
        var g = SplitMix64(seed: seed)
        let alphabet = Array("這個問題你們工會說了不清楚會議ABCz09１２，。".unicodeScalars)
        for _ in 0..<50 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...30, using: &g)).map { _ in
                alphabet[Int.random(in: 0..<alphabet.count, using: &g)]
            }))
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.map {
                // Ideographs simplified; every other scalar, full-width forms too, as written.
                TextNormaliser.isHan($0) ? Unicode.Scalar(normaliser.fold($0.value)) ?? $0 : $0
            }))
            #expect(normaliser.ideographs(text) == expected)
            #expect(normaliser.ideographs(text).unicodeScalars.count == text.unicodeScalars.count)
        }
        #expect(normaliser.ideographs("這個問題ABC") == "这个问题ABC")
        #expect(normaliser.ideographs("這個１２，ＡＢ") == "这个１２，ＡＢ")
    }
}
