import TuiweiCorpus

/// A short fixed list of marker phrases, all found in one pass over a text rather than one pass
/// per phrase.
struct MarkerPhrases: Sendable {
    let phrases: [[Unicode.Scalar]]
    /// Bit `value & 63` of each phrase's first scalar: most positions fail this one test.
    private let firstBits: UInt64

    init(_ words: [String]) {
        precondition(words.count <= 64, "found(in:) answers in the bits of one UInt64")
        phrases = words.map(\.scalarArray)
        firstBits = phrases.reduce(0) { $0 | ($1.first.map { 1 << UInt64($0.value & 63) } ?? 0) }
    }

    /// Bit `k` is set when phrase `k` occurs in `text` (at most 64 phrases).
    func found(in text: [Unicode.Scalar]) -> UInt64 {
        var found: UInt64 = 0
        text.withUnsafeBufferPointer { t in
            for i in t.indices where firstBits & (1 << UInt64(t[i].value & 63)) != 0 {
                for (k, p) in phrases.enumerated() where found & (1 << UInt64(k)) == 0 && p[0] == t[i] && t.count - i >= p.count {
                    var j = 1
                    while j < p.count, t[i + j] == p[j] { j += 1 }
                    if j == p.count { found |= 1 << UInt64(k) }
                }
            }
        }
        return found
    }
}
