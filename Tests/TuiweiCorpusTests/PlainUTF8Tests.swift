import Testing
@testable import TuiweiCorpus

/// `isPlainUTF8` says yes exactly when `decode` reads the bytes as they are (UTF-8, no BOM, no
/// warning), so a reader that takes the shortcut reads every file as the others do.
@Suite struct PlainUTF8Tests {
    static func agrees(_ bytes: [UInt8]) -> Bool {
        let plain: Bool
        if case .success(let d) = TextDecoder.decode(bytes), d.encoding == "UTF-8", d.warnings.isEmpty,
           Array(d.text.utf8) == bytes {
            plain = true
        } else {
            plain = false
        }
        return TextDecoder.isPlainUTF8(bytes) == plain
    }

    @Test func namedCases() {
        let cases: [[UInt8]] = [
            Array("ＣＬＢ：请问是总工会吗？\n总工会：对，您好。😀\n".utf8), Array("plain ascii text\r\n".utf8),
            [0xEF, 0xBB, 0xBF] + Array("有BOM".utf8), [0xFF, 0xFE, 0x41, 0x00], [0xFE, 0xFF, 0x00, 0x41], [],
            [0x41, 0x00, 0x42], [0xC0, 0x80], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80], Array("截断".utf8).dropLast(1).map { $0 },
            [0xE4, 0xB8], [0x80], Array("十二个字节的ASCII前缀abcdefgh".utf8) + [0xFF], [0xC3, 0xA9, 0x41],
        ]
        for c in cases { #expect(Self.agrees(c), "\(c)") }
    }

    @Test func randomBytes() {
        var rng = SplitMix(seed: 7)
        let pool: [UInt8] = [0x41, 0x0A, 0x20, 0x80, 0xA0, 0xBF, 0xC2, 0xC3, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x00, 0x01, 0xB8, 0x8D]
        for _ in 0..<3000 {
            let n = Int(rng.next() % 24)
            let bytes = (0..<n).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
            #expect(Self.agrees(bytes), "\(bytes)")
        }
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
