import TuiweiCorpus

/// The folding the transcript stage matches its own marker words with: full-width to ASCII, and
/// traditional to simplified for the characters those words use, so a transcript written in
/// traditional script (`第一通電話`, `——電話被掛斷——`) is read like a simplified one. One scalar in,
/// one out: offsets in folded text are offsets in the original, so what is reported (an
/// organisation, a surname) is cut from the original, in its own script.
enum MarkerFolding {
    @inline(__always)
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let f = Folding.fold(s)
        let v = f.value
        // The bit set answers for almost every scalar without hashing it.
        guard v >= 0x4E00, v < 0xA000, markerBits[Int(v - 0x4E00) >> 6] & (1 << UInt64(v & 63)) != 0,
              let simplified = traditionalMarkers[v] else { return f }
        return Unicode.Scalar(simplified)!
    }

    /// One bit per scalar of U+4E00…U+9FFF: set for the keys of `traditionalMarkers`.
    static let markerBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: (0xA000 - 0x4E00) / 64)
        for k in traditionalMarkers.keys { bits[Int(k - 0x4E00) >> 6] |= 1 << UInt64(k & 63) }
        return bits
    }()

    static func fold(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] { scalars.map(fold) }
    static func fold(_ text: String) -> [Unicode.Scalar] { text.unicodeScalars.map(fold) }

    /// Traditional forms of the characters the transcript stage's own marker words use
    /// (call headers, events, introductions, titles), mapped to simplified: 來侷個們兒兩動勞協員問嗎報學師廳彔從應掛撥據敎斷書會枱檯沒無稱箇簡組經綫網綵線緻總織聯聽臺華蓆處衕裏裡視訊記話誌語請貴辦迴這過邊鈴錄録長閤雜電颱餵體.
    /// Generated from lexicons/script/traditional-simplified.tsv for those characters only.
    static let traditionalMarkers: [UInt32: UInt32] = [
        0x4F86: 0x6765, 0x4FB7: 0x5C40, 0x500B: 0x4E2A, 0x5011: 0x4EEC, 0x5152: 0x513F, 0x5169: 0x4E24,
        0x52D5: 0x52A8, 0x52DE: 0x52B3, 0x5354: 0x534F, 0x54E1: 0x5458, 0x554F: 0x95EE, 0x55CE: 0x5417,
        0x5831: 0x62A5, 0x5B78: 0x5B66, 0x5E2B: 0x5E08, 0x5EF3: 0x5385, 0x5F54: 0x5F55, 0x5F9E: 0x4ECE,
        0x61C9: 0x5E94, 0x639B: 0x6302, 0x64A5: 0x62E8, 0x64DA: 0x636E, 0x654E: 0x6559, 0x65B7: 0x65AD,
        0x66F8: 0x4E66, 0x6703: 0x4F1A, 0x67B1: 0x53F0, 0x6AAF: 0x53F0, 0x6C92: 0x6CA1, 0x7121: 0x65E0,
        0x7A31: 0x79F0, 0x7B87: 0x4E2A, 0x7C21: 0x7B80, 0x7D44: 0x7EC4, 0x7D93: 0x7ECF, 0x7DAB: 0x7EBF,
        0x7DB2: 0x7F51, 0x7DB5: 0x5F69, 0x7DDA: 0x7EBF, 0x7DFB: 0x81F4, 0x7E3D: 0x603B, 0x7E54: 0x7EC7,
        0x806F: 0x8054, 0x807D: 0x542C, 0x81FA: 0x53F0, 0x83EF: 0x534E, 0x84C6: 0x5E2D, 0x8655: 0x5904,
        0x8855: 0x540C, 0x88CF: 0x91CC, 0x88E1: 0x91CC, 0x8996: 0x89C6, 0x8A0A: 0x8BAF, 0x8A18: 0x8BB0,
        0x8A71: 0x8BDD, 0x8A8C: 0x5FD7, 0x8A9E: 0x8BED, 0x8ACB: 0x8BF7, 0x8CB4: 0x8D35, 0x8FA6: 0x529E,
        0x8FF4: 0x56DE, 0x9019: 0x8FD9, 0x904E: 0x8FC7, 0x908A: 0x8FB9, 0x9234: 0x94C3, 0x9304: 0x5F55,
        0x9332: 0x5F55, 0x9577: 0x957F, 0x95A4: 0x5408, 0x96DC: 0x6742, 0x96FB: 0x7535, 0x98B1: 0x53F0,
        0x9935: 0x5582, 0x9AD4: 0x4F53,
    ]
}

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
