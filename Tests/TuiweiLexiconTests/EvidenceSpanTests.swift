import Testing
import TuiweiCore
@testable import TuiweiLexicon

@Suite struct EvidenceSpanTests {
    @Test func aNumberIsQuotedWhole() {
        let d = detector("SPECIFIC\t0(家|多)\n")
        #expect(d.detect(in: turn("规模以上企业大概有29家。")).map(\.text) == ["29家"])
        #expect(d.detect(in: turn("有1000多。")).map(\.text) == ["1000多"])
        #expect(d.detect(in: turn("共1,200家")).map(\.text) == ["1,200家"])
    }

    @Test func aWordCutByTheMatchIsQuotedWhole() {
        let d = detector("IGNORANCE\t没有听说过这\n")
        let text = "没有听说过这个"
        let tokens = [0..<2, 2..<4, 4..<5, 5..<7]
        #expect(d.detect(in: turn(text), tokens: tokens).map(\.text) == ["没有听说过这个"])
        // Without word boundaries the match stays as found.
        #expect(d.detect(in: turn(text)).map(\.text) == ["没有听说过这"])
    }

    @Test func widenedSpansStayInsideTheText() {
        var rng = SplitMix64(seed: 3)
        let alphabet = Array("0123456789,.家多有")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
            let folded = text.unicodeScalars.map { TextNormaliser().fold($0.value) }
            let r = 0..<min(1, folded.count)
            let w = Detector.widened(r, in: folded, tokens: nil)
            #expect(w.lowerBound >= 0 && w.upperBound <= folded.count && w.lowerBound <= r.lowerBound && w.upperBound >= r.upperBound)
        }
    }
}
