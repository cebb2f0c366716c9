import Foundation

/// UTF-8 text built by appending bytes: the CSV rows, JSON lines and HTML rows written once per
/// answer are put together here rather than through `String` appends and interpolation.
struct TextBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ n: Int) { appendInt(n, to: &bytes) }

    /// `fmt(x, digits)`.
    mutating func fixed(_ x: Double, _ digits: Int = 1) {
        guard x.isFinite else { return raw("–") }
        if !appendFixed(x, digits: digits, to: &bytes) { text(formatFixed(x, digits)) }
    }

    /// `HTMLReport.esc(s)`.
    mutating func html(_ s: String) {
        var s = s
        s.withUTF8 { html($0) }
    }

    /// `HTMLReport.esc` of whole scalars' UTF-8 bytes.
    mutating func html(_ src: UnsafeBufferPointer<UInt8>) {
        // Runs of bytes that need no escape are copied whole. Every byte below 0x80 is a whole
        // scalar in UTF-8, so testing bytes is testing scalars.
        var start = 0
        for i in src.indices {
            let b = src[i]
            guard b < 0x40 else { continue }
            let replacement: StaticString
            switch b {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            case 0x0A, 0x09: continue
            // Control characters are not allowed in XML.
            case 0..<0x20: replacement = " "
            default: continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[start..<i]))
            raw(replacement)
            start = i + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[start...]))
    }

    /// `CSVReport.field(s)`: quoted when it holds a comma, a quote or a line break.
    mutating func csvField(_ s: String) {
        var s = s
        s.withUTF8 { src in
            guard src.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                bytes.append(contentsOf: src)
                return
            }
            bytes.append(0x22)
            for b in src {
                bytes.append(b)
                if b == 0x22 { bytes.append(b) }
            }
            bytes.append(0x22)
        }
    }

    /// A CSV field whose text `write` appends, quoted afterwards if it needs to be.
    mutating func csvField(_ write: (inout TextBytes) -> Void) {
        let start = bytes.count
        write(&self)
        guard bytes[start...].contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return }
        let field = Array(bytes[start...])
        bytes.removeSubrange(start...)
        bytes.append(0x22)
        for b in field {
            bytes.append(b)
            if b == 0x22 { bytes.append(b) }
        }
        bytes.append(0x22)
    }
}

/// `String(n)`, appended.
func appendInt(_ n: Int, to out: inout [UInt8]) {
    if n < 0 { out.append(UInt8(ascii: "-")) }
    appendDigits(n.magnitude, minimum: 1, to: &out)
}

/// Decimal digits of `n`, left-padded with zeros to `minimum` digits.
private func appendDigits(_ n: UInt, minimum: Int, to out: inout [UInt8]) {
    var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &buffer) { raw in
        var i = raw.count, n = n
        repeat {
            i -= 1
            raw[i] = UInt8(ascii: "0") + UInt8(n % 10)
            n /= 10
        } while n > 0 || raw.count - i < minimum
        out.append(contentsOf: raw[i...])
    }
}

private let powersOfTen: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

/// Appends `fmt(x, digits)` when integer arithmetic gives it exactly, as `%.Nf` rounds the
/// exact binary value half to even; false, with nothing appended, when it does not (not
/// finite, too large, too many digits, or a product that lands on a tie).
///
/// Why this is exact: for `p = |x|·10^digits < 2^52` the computed product is within half an ulp
/// of the true one, and ulp(p) ≤ ½ divides both ½ and the fraction `d = p − ⌊p⌋`. So when `d`
/// is not ½ it is at least one ulp away from ½, further than the rounding error, and the true
/// product rounds the same way `d` does. Only `d == ½` depends on the error: that case falls back.
func appendFixed(_ x: Double, digits: Int, to out: inout [UInt8]) -> Bool {
    guard x.isFinite, digits >= 0, digits < powersOfTen.count else { return false }
    let p = x.magnitude * powersOfTen[digits]
    guard p < 0x1p52 else { return false }
    let floor = p.rounded(.down)
    let d = p - floor
    guard d != 0.5 else { return false }
    let n = UInt(floor) + (d > 0.5 ? 1 : 0)
    // `fmt` drops the sign of "-0" and "-0.0" only, as it always has.
    if x.sign == .minus, n != 0 || digits > 1 { out.append(UInt8(ascii: "-")) }
    let scale = UInt(powersOfTen[digits])
    appendDigits(n / scale, minimum: 1, to: &out)
    if digits > 0 {
        out.append(UInt8(ascii: "."))
        appendDigits(n % scale, minimum: digits, to: &out)
    }
    return true
}
