import Foundation

/// How every data file the tool reads (lexicons, scoring files, dictionaries, the HMM model,
/// the folding table) is read, so that they all take the same files: UTF-8 with or without a
/// byte-order mark, lines ended by LF, CRLF or a lone CR (what Excel for Mac writes).
public enum DataFile {
    /// Whether a run can go on without the file's contents.
    public enum Need: Sendable {
        /// An empty or missing file is an error: the run would silently find less.
        case required
        /// An empty file is a warning (a user dictionary or lexicon not filled in yet).
        case optional
    }

    /// The text of `path`, byte-order mark removed.
    /// - Parameter what: what the file is, for messages ("lexicon file", "weights file").
    /// - Throws: a `Diagnostic` naming the file when it is missing, unreadable or not UTF-8.
    public static func text(_ path: String, what: String) throws(Diagnostic) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw Diagnostic(.error, file: path, exists ? "cannot read this \(what); check its permissions"
                                                        : "cannot read this \(what): it is missing; check the path or restore the file")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(.error, file: path, "this \(what) is not UTF-8 text; save it as UTF-8")
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    /// The lines of `text` with 1-based numbers and without their line ends; a byte-order mark
    /// at the start is dropped.
    public static func lines(_ text: String) -> [(number: Int, text: Substring)] {
        var out: [(number: Int, text: Substring)] = []
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        let scalars = body.unicodeScalars
        var start = scalars.startIndex
        var i = start
        var number = 0
        while i < scalars.endIndex {
            let s = scalars[i]
            if s == "\n" || s == "\r" {
                number += 1
                out.append((number, Substring(scalars[start..<i])))
                var next = scalars.index(after: i)
                if s == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                i = next
            } else {
                i = scalars.index(after: i)
            }
        }
        if start < scalars.endIndex { out.append((number + 1, Substring(scalars[start...]))) }
        return out
    }

    /// The lines of a byte buffer as (start, end, number), end excluding the line end; LF, CRLF
    /// and CR all end a line, and a UTF-8 byte-order mark at the start is skipped.
    public static func lineRanges(_ b: UnsafeBufferPointer<UInt8>) -> [(start: Int, end: Int, number: Int)] {
        var out: [(start: Int, end: Int, number: Int)] = []
        let n = b.count
        var i = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        var number = 0
        while i < n {
            number += 1
            var e = i
            while e < n && b[e] != 0x0A && b[e] != 0x0D { e += 1 }
            out.append((i, e, number))
            if e < n, b[e] == 0x0D, e + 1 < n, b[e + 1] == 0x0A { e += 1 }
            i = e + 1
        }
        return out
    }

    /// The diagnostic for a file with no entries: an error when it is required, else a warning.
    public static func empty(_ path: String, what: String, need: Need) -> Diagnostic {
        switch need {
        case .required:
            Diagnostic(.error, file: path, "this \(what) has no entries; restore it, or the run would silently find less")
        case .optional:
            Diagnostic(.warning, file: path, "this \(what) has no entries and adds nothing")
        }
    }
}
