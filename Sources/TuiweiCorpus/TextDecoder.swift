import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the bytes of a file into text, recognising the encodings Chinese documents come in.
///
/// Order of trial: a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-16 without a mark (told by its
/// zero bytes), strict UTF-8, then the two legacy families: GB18030 (a superset of GBK and
/// GB2312) and Big5 (then Big5-HKSCS). Nearly any Big5 file is also valid GB18030, and much GB
/// text valid Big5, so when both decode, the one whose text has the larger share of common
/// characters wins, and a warning says which was chosen and why. Binary data and text that fits
/// none of them are errors, never silently replaced characters.
public enum TextDecoder {
    public struct Decoded: Sendable {
        public let text: String
        /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE`, `GB18030`, `Big5` or `Big5-HKSCS`.
        public let encoding: String
        /// Notes about what was tolerated (e.g. a truncated final character).
        public let warnings: [String]
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case binary(offset: Int)
        case undecodable(line: Int)
        /// Zero bytes in the pattern of UTF-16 (one byte of a pair), but not decodable as such.
        case utf16WithoutBOM

        public var description: String {
            switch self {
            case .utf16WithoutBOM:
                "the file looks like UTF-16 without a byte-order mark but does not decode as UTF-16LE or UTF-16BE; re-save it as UTF-8"
            case .empty:
                "the file is empty"
            case .binary(let offset):
                "the file looks binary (NUL or control byte at offset \(offset)); give a plain-text export (.txt) instead"
            case .undecodable(let line):
                "the file is neither UTF-8, UTF-16, GB18030 nor Big5 (first undecodable byte on line \(line)); re-save it as UTF-8"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) -> Result<Decoded, Failure> {
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return decodeUTF8(bytes[3...], label: "UTF-8 (BOM)")
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return decodeUTF16(bytes[2...], littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return decodeUTF16(bytes[2...], littleEndian: false) }
        if let bad = firstBinaryByte(bytes[...]) {
            if let order = utf16ByteOrder(bytes) {
                guard case .success(let d) = decodeUTF16(bytes[...], littleEndian: order == .little), !d.text.isEmpty,
                      firstBinaryScalar(d.text) == nil else { return .failure(.utf16WithoutBOM) }
                let name = order == .little ? "UTF-16LE" : "UTF-16BE"
                return .success(Decoded(text: d.text, encoding: name,
                                        warnings: ["the file has no byte-order mark; read as \(name), which its zero bytes show"] + d.warnings))
            }
            return .failure(.binary(offset: bad))
        }
        if case .success(let d) = decodeUTF8(bytes[...], label: "UTF-8") { return .success(d) }
        return decodeLegacy(bytes)
    }

    /// Whether `decode(bytes)` reads the bytes as they are: UTF-8 without a byte-order mark,
    /// no binary byte, valid throughout, no warning. A reader that wants UTF-8 bytes (the
    /// segmenter) then uses the file's own bytes and makes no string of them.
    public static func isPlainUTF8(_ bytes: [UInt8]) -> Bool {
        if bytes.isEmpty || bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE])
            || bytes.starts(with: [0xFE, 0xFF]) { return false }
        if firstBinaryByte(bytes[...]) != nil { return false }
        return bytes.withUnsafeBufferPointer(isValidUTF8)
    }

    /// Strict UTF-8 (no overlong forms, surrogates or scalars above U+10FFFF), as `String(validating:)`
    /// checks it; ASCII eight bytes at a time.
    static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let raw = UnsafeRawPointer(b.baseAddress) else { return true }
        let n = b.count
        var i = 0
        while i < n {
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if c < 0xC2 { return false }
            if c < 0xE0 {
                guard i + 1 < n, b[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
                continue
            }
            if c < 0xF0 {
                guard i + 2 < n else { return false }
                let c1 = b[i + 1], c2 = b[i + 2]
                guard c1 & 0xC0 == 0x80, c2 & 0xC0 == 0x80 else { return false }
                if c == 0xE0 && c1 < 0xA0 { return false }
                if c == 0xED && c1 >= 0xA0 { return false }
                i += 3
                continue
            }
            guard c < 0xF5, i + 3 < n else { return false }
            let c1 = b[i + 1], c2 = b[i + 2], c3 = b[i + 3]
            guard c1 & 0xC0 == 0x80, c2 & 0xC0 == 0x80, c3 & 0xC0 == 0x80 else { return false }
            if c == 0xF0 && c1 < 0x90 { return false }
            if c == 0xF4 && c1 >= 0x90 { return false }
            i += 4
        }
        return true
    }

    /// GB18030 or Big5 (Big5-HKSCS when plain Big5 does not decode), whichever the bytes are.
    static func decodeLegacy(_ bytes: [UInt8]) -> Result<Decoded, Failure> {
        let gb = iconvDecode(bytes, from: "GB18030")
        var big5 = iconvDecode(bytes, from: "BIG5").map { (text: $0, name: "Big5") }
        if big5 == nil { big5 = iconvDecode(bytes, from: "BIG5-HKSCS").map { (text: $0, name: "Big5-HKSCS") } }
        switch (gb, big5) {
        case (nil, nil):
            return .failure(.undecodable(line: lineOfFirstInvalidUTF8(bytes)))
        case (let gb?, nil):
            return .success(Decoded(text: gb, encoding: "GB18030", warnings: []))
        case (nil, let big5?):
            return .success(Decoded(text: big5.text, encoding: big5.name, warnings: []))
        case (let gb?, let big5?):
            let gbShare = commonShare(gb), big5Share = commonShare(big5.text)
            let choice = big5Share > gbShare ? (big5.text, big5.name) : (gb, "GB18030")
            let other = choice.1 == "GB18030" ? big5.name : "GB18030"
            let why = "both GB18030 and \(big5.name) decode the file; read as \(choice.1), whose text is "
                + "\(percent(max(gbShare, big5Share))) common characters against \(percent(min(gbShare, big5Share))) as \(other)"
            return .success(Decoded(text: choice.0, encoding: choice.1, warnings: [why]))
        }
    }

    /// The share of a text's Chinese characters that are common ones: high for the right
    /// decoding, low for mojibake.
    static func commonShare(_ text: String) -> Double {
        var han = 0, common = 0
        for s in text.unicodeScalars where s.value >= 0x3400 {
            han += 1
            if CommonCharacters.all.contains(s.value) { common += 1 }
        }
        return han == 0 ? 0 : Double(common) / Double(han)
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    enum ByteOrder { case little, big }

    /// The byte order of UTF-16 without a mark, told by its zero bytes: the high byte of every
    /// ASCII character (line ends, spaces, digits) is zero, so zeros crowd on one side of the
    /// pairs. Nil when the zeros show no such pattern.
    static func utf16ByteOrder(_ bytes: [UInt8]) -> ByteOrder? {
        guard bytes.count >= 2 else { return nil }
        var even = 0, odd = 0
        for i in bytes.indices where bytes[i] == 0 {
            if i & 1 == 0 { even += 1 } else { odd += 1 }
        }
        let zeros = even + odd
        // Most zeros on one side, and as many as a line end every few hundred characters gives.
        guard zeros >= 2, zeros * 400 >= bytes.count else { return nil }
        if odd * 10 >= zeros * 9 { return .little }
        if even * 10 >= zeros * 9 { return .big }
        return nil
    }

    /// The first control character no text file has, in decoded text.
    static func firstBinaryScalar(_ text: String) -> Int? {
        for (i, s) in text.unicodeScalars.enumerated() where s.value < 0x20 && s != "\t" && s != "\n" && s != "\r" && s.value != 0x0C {
            return i
        }
        return nil
    }

    /// NUL and most C0 controls never occur in text files; tab, LF, CR, FF, ESC-free text passes.
    static func firstBinaryByte(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            var controls = 0
            var i = 0
            // Eight bytes at a time while none is below 0x20 (a test of all eight in one word).
            if let raw = UnsafeRawPointer(b.baseAddress) {
                while i + 8 <= b.count {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
            }
            while i < b.count {
                let c = b[i]
                i += 1
                // Text bytes are nearly all ≥ 0x20: one test passes them.
                if c >= 0x20 {
                    // Back to whole words once past the run that stopped them.
                    if let raw = UnsafeRawPointer(b.baseAddress), i & 7 == 0 {
                        while i + 8 <= b.count {
                            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                            if (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 { break }
                            i += 8
                        }
                    }
                    continue
                }
                if c == 0 { return bytes.startIndex + i - 1 }
                if c != 0x09, c != 0x0A, c != 0x0D, c != 0x0C {
                    controls += 1
                    if controls > 8 { return bytes.startIndex + i - 1 }
                }
            }
            return nil
        }
    }

    static func decodeUTF8(_ bytes: ArraySlice<UInt8>, label: String) -> Result<Decoded, Failure> {
        if let s = String(validating: bytes, as: UTF8.self) {
            return .success(Decoded(text: s, encoding: label, warnings: []))
        }
        // A file cut off in the middle of its last character: keep everything before it.
        var end = bytes.endIndex
        var back = 0
        while end > bytes.startIndex, back < 3, bytes[end - 1] & 0xC0 == 0x80 { end -= 1; back += 1 }
        if end > bytes.startIndex, bytes[end - 1] >= 0xC0, let s = String(validating: bytes[..<(end - 1)], as: UTF8.self) {
            return .success(Decoded(text: s, encoding: label, warnings: ["the file ends inside a UTF-8 character; the incomplete character was left out"]))
        }
        return .failure(.undecodable(line: lineOfFirstInvalidUTF8(Array(bytes))))
    }

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Result<Decoded, Failure> {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var warnings: [String] = []
        if (bytes.count) % 2 != 0 { warnings.append("the file has an odd number of bytes for UTF-16; the last byte was left out") }
        var scalars = String.UnicodeScalarView()
        var line = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1 }
                if s.value == 0 { return .failure(.binary(offset: 0)) }
                scalars.append(s)
            case .emptyInput: break loop
            case .error: return .failure(.undecodable(line: line))
            }
        }
        return .success(Decoded(text: String(scalars), encoding: littleEndian ? "UTF-16LE" : "UTF-16BE", warnings: warnings))
    }

    static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let len: Int
            switch b {
            case 0..<0x80: len = 1
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: return line
            }
            if i + len > bytes.count { return line }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return line }
            if b == 0x0A { line += 1 }
            i += len
        }
        return line
    }

    /// Converts with Glibc's iconv; nil when any byte sequence is invalid in `encoding`.
    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        // Two bytes of GB18030 or Big5 give at most 4 of UTF-8 (a four-byte GB18030 character 4): 2x is ample.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var produced = -1
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r != -1, inLeft == 0 { produced = outBuf.count - outLeft }
            }
        }
        guard produced >= 0 else { return nil }
        return String(validating: output[..<produced], as: UTF8.self)
    }
}
