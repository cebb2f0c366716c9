import TuiweiCore

/// Reader for dictionaries in jieba's text format: one `word [frequency] [tag]` per line.
///
/// UTF-8, with a byte-order mark and CRLF or CR line ends tolerated and blank lines skipped. Fields are
/// separated by spaces or tabs and read from the right, so a word may itself contain spaces: a
/// trailing field of lowercase ASCII letters is the part-of-speech tag, and a trailing field that
/// starts with a digit is the frequency (it must then be a whole number). Everything before them
/// is the word. Full-width ASCII in words is folded to ASCII, as it is when segmenting.
enum DictionaryFile {
    /// Calls `body` with each entry's word (as scalars), frequency (nil when absent) and line number.
    /// - Throws: `Diagnostic` naming `file` and the line, for bad UTF-8 or a bad frequency.
    static func parse(
        _ b: UnsafeBufferPointer<UInt8>, file: String,
        _ body: (_ word: [UInt32], _ frequency: Int?, _ line: Int) throws -> Void
    ) throws {
        let n = b.count
        var i = 0
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        var line = 0
        var word: [UInt32] = []
        word.reserveCapacity(64)
        @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0B || c == 0x0C }
        while i < n {
            line += 1
            // Lines end as in every data file (`DataFile`): LF, CRLF or a lone CR.
            var e = i
            while e < n && b[e] != 0x0A && b[e] != 0x0D { e += 1 }
            let next = e + 1 < n && b[e] == 0x0D && b[e + 1] == 0x0A ? e + 2 : e + 1
            var a = i
            var z = e
            while a < z && isSpace(b[a]) { a += 1 }
            while z > a && isSpace(b[z - 1]) { z -= 1 }
            i = next
            if a == z { continue }
            var frequency: Int? = nil
            var fs = z
            while fs > a && !isSpace(b[fs - 1]) { fs -= 1 }
            if fs > a {
                var lower = true
                for k in fs..<z where !(b[k] >= 0x61 && b[k] <= 0x7A) { lower = false; break }
                if lower {
                    z = fs
                    while z > a && isSpace(b[z - 1]) { z -= 1 }
                    fs = z
                    while fs > a && !isSpace(b[fs - 1]) { fs -= 1 }
                }
            }
            if fs > a {
                let c0 = b[fs]
                let signed = (c0 == 0x2D || c0 == 0x2B) && fs + 1 < z && b[fs + 1] >= 0x30 && b[fs + 1] <= 0x39
                if (c0 >= 0x30 && c0 <= 0x39) || signed {
                    var value = 0
                    var ok = !signed && z - fs <= 15
                    if ok {
                        for k in fs..<z {
                            let d = Int(b[k]) - 0x30
                            if d < 0 || d > 9 { ok = false; break }
                            value = value * 10 + d
                        }
                    }
                    if !ok {
                        let field = String(decoding: UnsafeBufferPointer(rebasing: b[fs..<z]), as: UTF8.self)
                        throw Diagnostic(
                            .error, file: file, line: line,
                            "frequency '\(field)' is not a whole number from 0 to 999999999999999; write the line as 'word [frequency] [tag]'")
                    }
                    frequency = value
                    z = fs
                    while z > a && isSpace(b[z - 1]) { z -= 1 }
                }
            }
            word.removeAll(keepingCapacity: true)
            guard decodeUTF8(b, a, z, into: &word) else {
                throw Diagnostic(.error, file: file, line: line, "not valid UTF-8; save the dictionary as UTF-8")
            }
            try body(word, frequency, line)
        }
    }

    /// Appends the scalars of `b[from..<to]` to `out`, folding full-width ASCII; false on bad UTF-8.
    static func decodeUTF8(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, into out: inout [UInt32]) -> Bool {
        var i = from
        while i < to {
            let c = UInt32(b[i])
            if c < 0x80 {
                out.append(c)
                i += 1
                continue
            }
            var need = 0
            var v: UInt32 = 0
            if c & 0xE0 == 0xC0 { need = 1; v = c & 0x1F } else if c & 0xF0 == 0xE0 { need = 2; v = c & 0x0F } else if c & 0xF8 == 0xF0 {
                need = 3; v = c & 0x07
            } else { return false }
            guard i + need < to else { return false }
            for k in 1...need {
                let cc = UInt32(b[i + k])
                guard cc & 0xC0 == 0x80 else { return false }
                v = v << 6 | cc & 0x3F
            }
            guard v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v) else { return false }
            out.append(TextNormaliser.width(v))
            i += need + 1
        }
        return true
    }
}
