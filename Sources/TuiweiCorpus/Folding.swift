/// Character-level normalisation used for matching; one scalar in, one scalar out, so offsets
/// in folded text are offsets in the original.
public enum Folding {
    /// Full-width ASCII (`ＣＬＢ`, `：`, `２０００`) to ASCII, ideographic space to space.
    @inline(__always)
    public static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v >= 0xFF01, v <= 0xFF5E { return Unicode.Scalar(v - 0xFEE0)! }
        if v == 0x3000 { return " " }
        return s
    }

    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(fold(s)) }
        return String(out)
    }

    @inline(__always)
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x3000, 0xFEFF, 0x200B, 0x1680, 0x2000...0x200A, 0x202F, 0x205F: true
        default: false
        }
    }

    /// Han ideographs (the CJK blocks officials' speech is written in).
    @inline(__always)
    public static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3134F).contains(v)
            || (0xF900...0xFAFF).contains(v)
    }

    /// ASCII letters and digits after folding: the characters that need a space when lines join.
    @inline(__always)
    public static func isLatinWordChar(_ s: Unicode.Scalar) -> Bool {
        let f = fold(s)
        return f.isASCII && (f.properties.isAlphabetic || (0x30...0x39).contains(f.value))
    }

    /// Punctuation that ends a sentence, with closing quotes and brackets that may follow it.
    @inline(__always)
    public static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        switch fold(s) {
        case "。", "!", "?", "…", ".", "；", ";": true
        default: false
        }
    }

    @inline(__always)
    public static func isClosingQuote(_ s: Unicode.Scalar) -> Bool {
        switch fold(s) {
        case "”", "’", "」", "』", ")", "）", "]", "】", "》", "\"", "'": true
        default: false
        }
    }

    /// Display width: CJK and full-width forms take two columns, the rest one.
    @inline(__always)
    public static func width(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x1100 { return 1 }
        if isHan(s) || (0x3000...0x303F).contains(v) || (0xFF00...0xFF60).contains(v) || (0x3040...0x30FF).contains(v)
            || (0xAC00...0xD7AF).contains(v) || (0xFE30...0xFE4F).contains(v) || v == 0x2014 || v == 0x2026 {
            return 2
        }
        return 1
    }
}
