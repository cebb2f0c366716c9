import Foundation
import Testing
@testable import TuiweiSegmentation

@Suite("Evaluation and agreement with jieba")
struct EvaluationTests {
    let seg = Shipped.segmenter

    @Test("span scoring counts a word right only when both ends match")
    func scoring() {
        var s = SegmentationScore()
        s.add(gold: ["工会", "主席", "说"], output: ["工会主席", "说"])
        #expect(s.wordsGold == 3 && s.wordsOut == 2 && s.correct == 1)
        #expect(abs(s.precision - 0.5) < 1e-9)
        #expect(abs(s.recall - 1.0 / 3) < 1e-9)
        #expect(abs(s.f1 - 0.4) < 1e-9)
    }

    @Test("F1 on the UD GSDSimp test file is at least jieba's 0.795 (HMM on)")
    func goldF1() throws {
        let gold = try String(contentsOfFile: Shipped.root + "/Tests/Fixtures/segmentation-gold/zh_gsdsimp-ud-test.seg.utf8", encoding: .utf8)
        let score = seg.evaluate(goldText: gold)
        #expect(score.sentences == 500)
        #expect(score.f1 >= 0.795)
    }

    /// Compares with jieba's output (measure-word compounds kept whole, as jieba keeps them) in Tests/Fixtures/jieba-agreement (made by
    /// Benchmarks/make-jieba-fixture.py): both use the same dictionary and HMM model.
    @Test("agreement with jieba on corpus sentences")
    func jiebaAgreement() throws {
        let text = try String(contentsOfFile: Shipped.root + "/Tests/Fixtures/jieba-agreement/corpus-jieba.tsv", encoding: .utf8)
        var score = SegmentationScore()
        var same = 0, sentences = 0, plain = 0, plainSame = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let jieba = Array(fields.dropFirst())
            let ours = seg.words(in: fields[0], options: .init(hmm: true, separateMeasureWords: false))
            sentences += 1
            if ours == jieba { same += 1 }
            score.add(gold: jieba, output: ours)
            // Sentences without Latin letters, digits or repeated marks, where jieba and Tuiwei
            // follow the same rules (jieba cuts full-width letters and each '…' apart).
            let mixed = fields[0].unicodeScalars.contains {
                let c = ScalarClass.of($0.value)
                return c == .letter || c == .digit || $0 == "…" || $0 == "—"
            }
            if !mixed {
                plain += 1
                if ours == jieba { plainSame += 1 }
            }
        }
        #expect(sentences > 1000)
        let rate = Double(same) / Double(sentences)
        print("jieba agreement: \(same)/\(sentences) sentences identical (\(rate)), \(plainSame)/\(plain) without Latin, digits or repeated marks; word F1 \(score.f1)")
        #expect(plain > 1000)
        #expect(plainSame == plain)
        #expect(rate >= 0.80)
        #expect(score.f1 >= 0.98)
    }
}
