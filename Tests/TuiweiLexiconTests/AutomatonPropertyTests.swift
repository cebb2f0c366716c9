import Testing
import TuiweiCore
@testable import TuiweiLexicon

/// The automaton against a direct search, for literals and one-gap patterns over a small
/// alphabet, many patterns compiled together so that they share literals and nodes.
@Suite struct AutomatonPropertyTests {
    struct Spec {
        let first: [UInt32]
        /// The second run and the widest gap before it, for a gapped pattern.
        let second: (run: [UInt32], gap: Int)?

        var source: String {
            let a = String(String.UnicodeScalarView(first.compactMap(Unicode.Scalar.init)))
            guard let second else { return a }
            return a + "…{\(second.gap)}" + String(String.UnicodeScalarView(second.run.compactMap(Unicode.Scalar.init)))
        }
    }

    static let alphabet: [UInt32] = Array("甲乙丙丁".unicodeScalars.map(\.value)) + [0x3002]  // 。 is a barrier

    static func word<G: RandomNumberGenerator>(_ g: inout G, length: ClosedRange<Int>) -> [UInt32] {
        (0..<Int.random(in: length, using: &g)).map { _ in alphabet[Int.random(in: 0..<4, using: &g)] }
    }

    static func starts(_ text: [UInt32], _ run: [UInt32], at i: Int) -> Bool {
        i + run.count <= text.count && Array(text[i..<(i + run.count)]) == run
    }

    /// Longest match per start, by direct search: a gapped pattern takes its nearest second run
    /// within the gap, never across a barrier.
    static func reference(_ spec: Spec, pattern: Int, in text: [UInt32]) -> [PhraseMatch] {
        var out: [PhraseMatch] = []
        for i in text.indices where starts(text, spec.first, at: i) {
            let afterFirst = i + spec.first.count
            guard let (run, gap) = spec.second else {
                out.append(PhraseMatch(pattern: pattern, range: i..<afterFirst))
                continue
            }
            var j = afterFirst
            while j <= min(afterFirst + gap, text.count) {
                if starts(text, run, at: j) {
                    out.append(PhraseMatch(pattern: pattern, range: i..<(j + run.count)))
                    break
                }
                if j < text.count, PhraseAutomaton.isBarrier(text[j]) { break }
                j += 1
            }
        }
        return out
    }

    @Test(arguments: 1...40) func manyPatternsMatchLikeADirectSearch(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        let specs: [Spec] = (0..<Int.random(in: 1...12, using: &g)).map { _ in
            let first = Self.word(&g, length: 1...3).filter { $0 != 0x3002 }
            let gapped = Bool.random(using: &g)
            let second = Self.word(&g, length: 1...2).filter { $0 != 0x3002 }
            return Spec(first: first.isEmpty ? [Self.alphabet[0]] : first,
                        second: gapped ? (second.isEmpty ? [Self.alphabet[1]] : second, Int.random(in: 1...4, using: &g)) : nil)
        }
        let automaton = PhraseAutomaton(patterns: try specs.map { try Pattern($0.source) })
        for _ in 0..<20 {
            let text = Self.word(&g, length: 0...40)
            var expected: [PhraseMatch] = []
            for (p, spec) in specs.enumerated() { expected += Self.reference(spec, pattern: p, in: text) }
            expected.sort { ($0.range.lowerBound, $0.pattern, $0.range.upperBound) < ($1.range.lowerBound, $1.pattern, $1.range.upperBound) }
            let found = automaton.matches(in: text)
            #expect(found == expected, "patterns \(specs.map(\.source)) text \(text)")
        }
    }
}
