/// A string hashed and compared by its UTF-8 bytes, for the hot lookups of words, labels and
/// texts. Swift hashes and compares a non-ASCII `String` through its NFC form, normalising on the
/// fly; the bytes cost a fraction of that. For plain text (`isPlain`) byte equality is the same
/// as `String` equality; for other text it is stricter, which a cache keyed by the text as
/// written can accept.
public struct UTF8Key: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        let x = a.text.utf8, y = b.text.utf8
        guard x.count == y.count else { return false }
        let contiguous = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in p.elementsEqual(q) }
        }
        if let contiguous, let equal = contiguous { return equal }
        return x.elementsEqual(y)
    }

    public func hash(into hasher: inout Hasher) {
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) != nil { return }
        // A bridged string: hashed from a native copy, so that equal words hash alike.
        var native = text
        native.makeContiguousUTF8()
        _ = native.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether every scalar of `word` is plain (`isPlain(scalar:)`): such words are equal as
    /// strings exactly when their bytes are.
    public static func isPlain(_ word: String) -> Bool {
        word.utf8.withContiguousStorageIfAvailable(isPlain(utf8:))
            ?? word.unicodeScalars.allSatisfy { isPlain(scalar: $0.value) }
    }

    /// `isPlain(_:)` over valid UTF-8, decoded in place.
    public static func isPlain(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            // Every plain scalar above ASCII is in U+0800–U+FFFF: three bytes.
            guard b & 0xF0 == 0xE0, i + 2 < bytes.count else { return false }
            let v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard isPlain(scalar: v) else { return false }
            i += 3
        }
        return true
    }

    /// Scalars that are in NFC, have no canonical decomposition and compose with nothing.
    public static func isPlain(scalar v: UInt32) -> Bool {
        switch v {
        case 0x00...0x7F,          // ASCII
             0x2010...0x2027,      // dashes, quotation marks, ellipsis
             0x3000...0x3029,      // CJK punctuation (without the combining tone marks 302A–302F)
             0x3030...0x303F,
             0x3400...0x4DBF,      // CJK ideographs, extension A
             0x4E00...0x9FFF,      // CJK unified ideographs
             0xFF01...0xFF5E:      // full-width ASCII
            true
        default:
            false
        }
    }
}
