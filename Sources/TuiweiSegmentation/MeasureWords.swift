/// Numeral (or demonstrative) + measure word compounds, such as 一个, 两种, 这次 and 第一个.
///
/// The jieba dictionary lists many of them as single words, while the common segmentation
/// standards (the Penn Chinese Treebank, the PKU corpus, Universal Dependencies) treat the
/// numeral and the measure word as two words: `一 个`, `这 次`, `第一 个`. Splitting them also lets
/// lexicon phrases and question–answer overlap match on the noun phrase rather than the count.
enum MeasureWords {
    /// Characters that make up a Chinese numeral (一 … 万, 两, 几, 半, 数).
    static func isNumeral(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,  // 一二三四五六七八九十
             0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24, 0x51E0, 0x96F6, 0x3007, 0x534A, 0x6570:  // 百千万亿两几零〇半数
            return true
        default: return false
        }
    }

    /// Demonstratives that take a measure word: 这 那 每 哪 某.
    static func isDemonstrative(_ v: UInt32) -> Bool {
        v == 0x8FD9 || v == 0x90A3 || v == 0x6BCF || v == 0x54EA || v == 0x67D0
    }

    /// Common individual and event measure words.
    static let measures: Set<UInt32> = Set("个种位名座部件条只张本所项支台场届次批层辆架艘首篇份间栋块片段句套类组群双副幅根棵颗粒匹封笔声番遍趟顿阵轮期款枚株家队".unicodeScalars.map(\.value))

    /// One bit per BMP scalar that can begin a numeral + measure word compound (a numeral, 第,
    /// a demonstrative), so that the check costs one load for every other word.
    static let starts: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1024)
        for v in UInt32(0x3000)..<0xA000 where isNumeral(v) || isDemonstrative(v) || v == 0x7B2C {
            bits[Int(v >> 6)] |= 1 << UInt64(v & 63)
        }
        return bits
    }()

    /// Where to cut `s[p..<q]` into numeral and measure word, or nil to keep it whole.
    @inline(__always)
    static func split(_ s: UnsafeBufferPointer<UInt32>, _ p: Int, _ q: Int, starts: UnsafeBufferPointer<UInt64>) -> Int? {
        let first = s[p]
        guard first < 0x10000, starts[Int(first >> 6)] & (1 << UInt64(first & 63)) != 0 else { return nil }
        return splitSlow(s, p, q)
    }

    static func splitSlow(_ s: UnsafeBufferPointer<UInt32>, _ p: Int, _ q: Int) -> Int? {
        guard q - p >= 2, isNumeral(s[p]) || s[p] == 0x7B2C || (q - p == 2 && isDemonstrative(s[p])),
            measures.contains(s[q - 1]) else { return nil }
        if q - p == 2 && isDemonstrative(s[p]) { return q - 1 }
        var k = p
        if s[k] == 0x7B2C { k += 1 }  // 第
        guard k < q - 1 else { return nil }
        while k < q - 1 {
            if !isNumeral(s[k]) { return nil }
            k += 1
        }
        return q - 1
    }
}

extension Segmenter {
    /// Whether `word` counts or points at what follows and takes a measure word (一, 两百, 第三, 这,
    /// 每): a phrase that ends with it, or starts with the measure word after it, is cut from
    /// its construction.
    public static func takesMeasureWord(_ word: some Collection<UInt32>) -> Bool {
        guard let first = word.first else { return false }
        if word.count == 1, MeasureWords.isDemonstrative(first) { return true }
        let digits = first == 0x7B2C ? word.dropFirst() : word.dropFirst(0)  // 第
        return !digits.isEmpty && digits.allSatisfy(MeasureWords.isNumeral)
    }

    /// Whether `word` is one of the common measure words (个, 种, 次, 块 …).
    public static func isMeasureWord(_ word: some Collection<UInt32>) -> Bool {
        word.count == 1 && MeasureWords.measures.contains(word.first!)
    }
}
