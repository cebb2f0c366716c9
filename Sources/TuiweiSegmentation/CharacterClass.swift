import TuiweiCore

/// Broad classes of Unicode scalars, decided without `Character` or `String` work.
///
/// The segmenter only needs to know which scalars go through the dictionary (ideographs), which
/// form alphanumeric runs, which are punctuation, and which are whitespace that never becomes a
/// token.
enum ScalarClass: UInt8, Sendable {
    case space, han, letter, digit, punctuation, other
}

extension ScalarClass {
    /// Compares raw values directly; the synthesized `==` went through a generic witness in the
    /// segmenter's inner loops.
    @inline(__always)
    static func == (a: ScalarClass, b: ScalarClass) -> Bool { a.rawValue == b.rawValue }

    @inline(__always)
    static func != (a: ScalarClass, b: ScalarClass) -> Bool { a.rawValue != b.rawValue }

    /// The class of scalar value `v`.
    @inline(__always)
    static func of(_ v: UInt32) -> ScalarClass {
        if v < 0x80 {
            switch v {
            case 0x30...0x39: return .digit
            case 0x41...0x5A, 0x61...0x7A: return .letter
            case 0x09...0x0D, 0x20: return .space
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return .punctuation
            default: return .other
            }
        }
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x323AF, 0x3007:
            return .han
        // Kana share the dictionary path: they appear inside Chinese text as loan words.
        case 0x3040...0x309F, 0x30A0...0x30FA, 0x30FC...0x30FF:
            return .han
        case 0xFF10...0xFF19: return .digit
        case 0xFF21...0xFF3A, 0xFF41...0xFF5A: return .letter
        case 0x85, 0xA0, 0x1680, 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            // Zero-width spaces and joiners, and the byte-order mark, are invisible: treated as space.
            return .space
        case 0xA1...0xBF:
            return v == 0xAA || v == 0xBA || v == 0xB2 || v == 0xB3 || v == 0xB9 ? .letter : .punctuation
        case 0xC0...0x24F:
            return v == 0xD7 || v == 0xF7 ? .other : .letter
        case 0x370...0x3FF, 0x400...0x52F, 0x1E00...0x1FFF:
            return .letter
        case 0x2010...0x2027, 0x2030...0x205E, 0x3001...0x3006, 0x3008...0x301F, 0x3030, 0x30FB,
             0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40,
             0xFF5B...0xFF65:
            return .punctuation
        default:
            return .other
        }
    }
}


/// Whether a run of this punctuation scalar reads as one mark (`……`, `——`, `...`).
@inline(__always)
func punctuationRepeats(_ v: UInt32) -> Bool {
    v == 0x2026 || v == 0x2014 || v == 0x2015 || v == 0x2E || v == 0x2D || v == 0x22EF || v == 0xFF0E
        || v == 0x2500 || v == 0xFF5E || v == 0x7E
}
