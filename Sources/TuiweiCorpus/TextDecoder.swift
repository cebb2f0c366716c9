import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the bytes of a file into text, recognising the encodings Chinese documents come in.
///
/// Order of trial: a byte-order mark (UTF-8, UTF-16 LE/BE), then strict UTF-8, then GB18030 (a
/// superset of GBK and GB2312). Binary data and text that fits none of them are errors, never
/// silently replaced characters.
public enum TextDecoder {
    public struct Decoded: Sendable {
        public let text: String
        /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE`, or `GB18030`.
        public let encoding: String
        /// Notes about what was tolerated (e.g. a truncated final character).
        public let warnings: [String]
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case binary(offset: Int)
        case undecodable(line: Int)

        public var description: String {
            switch self {
            case .empty:
                "the file is empty"
            case .binary(let offset):
                "the file looks binary (NUL or control byte at offset \(offset)); give a plain-text export (.txt) instead"
            case .undecodable(let line):
                "the file is neither UTF-8, UTF-16 nor GB18030 (first undecodable byte on line \(line)); re-save it as UTF-8"
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
        if let bad = firstBinaryByte(bytes[...]) { return .failure(.binary(offset: bad)) }
        if case .success(let d) = decodeUTF8(bytes[...], label: "UTF-8") { return .success(d) }
        if let text = iconvDecode(bytes, from: "GB18030") {
            return .success(Decoded(text: text, encoding: "GB18030", warnings: []))
        }
        return .failure(.undecodable(line: lineOfFirstInvalidUTF8(bytes)))
    }

    /// NUL and most C0 controls never occur in text files; tab, LF, CR, FF, ESC-free text passes.
    static func firstBinaryByte(_ bytes: ArraySlice<UInt8>) -> Int? {
        var controls = 0
        for (i, b) in zip(bytes.indices, bytes) {
            if b == 0 { return i }
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D, b != 0x0C {
                controls += 1
                if controls > 8 { return i }
            }
        }
        return nil
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
        // GB18030 uses at most 4 bytes per character and UTF-8 at most 4: 2x is ample.
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
