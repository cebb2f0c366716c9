import Foundation
import Testing
import TuiweiTestSupport
@testable import TuiweiReports

@Suite struct TextBytesTests {
    /// Values where `%.Nf` is easy to get wrong: ties in decimal that are not ties in binary,
    /// exact binary ties, signs, zeros, the ends of the fast path's range, and non-finite values.
    static let edgeCases: [Double] = {
        var xs: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.5, 1.5, 2.5, 2.675, 1.005, 1.0005, 0.125, 0.375,
                            -0.04, -0.05, -0.004, -0.0004, -0.5, -1.5, -2.5, 99.95, 99.949_999_999_999_99, 100, 1e9, 1e15,
                            4.5e15, 0x1p52, 0x1p52 - 1, 0x1p53, 1e20, -1e20, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
                            -.leastNonzeroMagnitude, .ulpOfOne, .nan, .infinity, -.infinity]
        for k in -2000...2000 {
            // Decimal ties at every precision used.
            xs.append(Double(k) / 2)
            xs.append(Double(k) / 20)
            xs.append(Double(k) / 200)
            xs.append(Double(k) / 2000)
            xs.append((Double(k) + 0.5) / 10)
            xs.append(Double(k) / 8)
            xs.append(Double(k) / 80)
        }
        for x in xs where x.isFinite && x != 0 { xs.append(x.nextUp); xs.append(x.nextDown) }
        return xs
    }()

    @Test func fixedPointMatchesStringFormat() {
        var generator = SystemRandomNumberGenerator()
        var xs = Self.edgeCases
        for _ in 0..<10_000 {
            xs.append(Double.random(in: -150...150, using: &generator))
            xs.append(Double.random(in: -1...1, using: &generator))
            xs.append(Double.random(in: -1e12...1e12, using: &generator))
            xs.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
        }
        for digits in 0...4 {
            var mismatches: [String] = []
            for x in xs where fmt(x, digits) != formatFixed(x, digits) {
                mismatches.append("\(x): \(fmt(x, digits)) vs \(formatFixed(x, digits))")
            }
            #expect(mismatches.isEmpty, "digits \(digits): \(mismatches.prefix(5))")
        }
    }

    @Test func fixedPointKeepsTheSignRules() {
        #expect(fmt(-0.0) == "0.0")
        #expect(fmt(-0.04) == "0.0")
        #expect(fmt(-0.4, 0) == "0")
        #expect(fmt(-0.001, 2) == "-0.00")
        #expect(fmt(-12.34) == "-12.3")
        #expect(fmt(.nan) == "–")
        #expect(fmt(-.infinity, 2) == "–")
        var b = TextBytes()
        b.fixed(.nan)
        b.fixed(0.25)
        b.fixed(12.345, 2)
        #expect(b.string == "–0.2" + formatFixed(12.345, 2))
    }

    @Test func escapesLikeTheStringHelpers() {
        let samples = ["", "plain", "a&b<c>d\"e'f", "\r\n\t\u{1}x\u{7F}", "工会 “主席” & <办公室>", "\"\"", "a,b", "line\nbreak", "é\u{301}"]
        for s in samples {
            var h = TextBytes(), c = TextBytes()
            h.html(s)
            c.csvField(s)
            #expect(h.string == Self.escapedByScalars(s))
            #expect(c.string == Self.csvFieldByCharacters(s))
        }
    }

    /// HTML escaping written the plain way, scalar by scalar.
    static func escapedByScalars(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: if ch.value < 0x20, ch != "\n", ch != "\t" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// RFC 4180 quoting written the plain way.
    static func csvFieldByCharacters(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
