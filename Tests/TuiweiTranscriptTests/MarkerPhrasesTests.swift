import Testing
import TuiweiCore
import TuiweiCorpus
@testable import TuiweiTranscript

@Suite struct MarkerPhrasesTests {
    /// One pass finds exactly the phrases that a search per phrase finds.
    @Test(arguments: 1...20) func foundEqualsOneSearchPerPhrase(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        let alphabet = Array("打来电话我是从想问请".unicodeScalars) + ["A", "?"]
        func text(_ length: ClosedRange<Int>) -> [Unicode.Scalar] {
            (0..<Int.random(in: length, using: &g)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] }
        }
        let words = (0..<Int.random(in: 1...30, using: &g)).map { _ in String(String.UnicodeScalarView(text(1...4))) }
        let markers = MarkerPhrases(words)
        for _ in 0..<50 {
            let t = text(0...30)
            let found = markers.found(in: t)
            for (k, p) in markers.phrases.enumerated() {
                #expect((found >> UInt64(k)) & 1 == (t.contains(p) ? 1 : 0), "phrase \(words[k]) in \(String(String.UnicodeScalarView(t)))")
            }
        }
    }

    @Test func introMarkersAreFoundInATurn() {
        let c = TranscriptConventions.standard
        let turn = c.fold("你好，我是从中国劳工通讯打来电话的，想问一下")
        let found = c.introductions.found(in: turn)
        let names = c.introductions.phrases.indices.filter { found & (1 << UInt64($0)) != 0 }
            .map { String(String.UnicodeScalarView(c.introductions.phrases[$0])) }
        #expect(Set(names) == ["打来电话", "劳工通讯", "我是从", "想问一下"])
    }

    @Test func eventLinesAreFoundInEitherScript() {
        #expect(EventMarker.kind(of: Array("（对方挂断电话）".unicodeScalars), conventions: .standard) == .hangUp)
        #expect(EventMarker.kind(of: Array("（對方掛斷電話）".unicodeScalars), conventions: .standard) == .hangUp)
        #expect(EventMarker.kind(of: Array("我们这边不清楚".unicodeScalars), conventions: .standard) == nil)
    }
}
