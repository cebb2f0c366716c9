import Foundation

/// The one text normaliser. Every stage folds text through it before comparing it with a word
/// list, and reads white space, sentence ends and the other classes of character from it, so
/// that a turn is cut and matched by the same rules in every command. It folds at three levels,
/// each one scalar for one, so an offset in folded text is the same offset in the original:
///
/// - **width** (`width(_:)`, no table): full-width ASCII to ASCII, the ideographic space to a space;
///   what the transcript stage, the segmenter and the scorer's cues read;
/// - **script** (`ideographs(_:)`, `widthAndScript(_:)`): traditional ideographs to simplified,
///   from `lexicons/script/traditional-simplified.tsv`; what the segmenter and the scorer's term
///   lists are written in;
/// - **matching** (`fold(_:)`): width and script, Latin capitals to lower case and every digit to
///   `0`; what lexicon patterns and the transcript stage's words are matched with.
public struct TextNormaliser: Sendable {
    /// Folded value of every BMP scalar; scalars above the BMP fold to themselves.
    private let bmp: [UInt32]
    /// Number of traditional → simplified pairs loaded from the table.
    public let tableSize: Int

    /// Width and case folding only, without a script table.
    public init() {
        self.init(pairs: [])
    }

    /// Width and case folding plus the given traditional → simplified pairs.
    public init(pairs: [(UInt32, UInt32)]) {
        var table = (0..<0x10000).map { UInt32($0) }
        for i in 0x41...0x5A { table[i] = UInt32(i + 0x20) }
        // Every digit folds to 0, so a pattern's 0 stands for any digit (ASCII or full-width).
        for i in 0x30...0x39 { table[i] = 0x30 }
        for i in 0xFF01...0xFF5E { table[i] = table[Int(Self.width(UInt32(i)))] }
        table[0x3000] = Self.width(0x3000)
        for (from, to) in pairs where from < 0x10000 { table[Int(from)] = to }
        self.bmp = table
        self.tableSize = pairs.count
    }

    /// Reads a table of `TRADITIONAL<TAB>SIMPLIFIED` lines (`#` comments), one character each side.
    /// - Throws: `Diagnostic` naming the file and line of the first malformed line.
    public static func load(path: String) throws -> TextNormaliser {
        let text: String
        do { text = try DataFile.text(path, what: "script folding table") } catch {
            throw Diagnostic(.error, file: path, error.message + "; regenerate it with scripts/generate_script_folding.py")
        }
        var pairs: [(UInt32, UInt32)] = []
        for (lineNumber, line) in DataFile.lines(text) {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t")
            guard fields.count == 2, fields[0].unicodeScalars.count == 1, fields[1].unicodeScalars.count == 1 else {
                throw Diagnostic(.error, file: path, line: lineNumber,
                                 "expected one traditional character, a tab and one simplified character")
            }
            pairs.append((fields[0].unicodeScalars.first!.value, fields[1].unicodeScalars.first!.value))
        }
        if pairs.isEmpty { throw DataFile.empty(path, what: "script folding table", need: .required) }
        return TextNormaliser(pairs: pairs)
    }

    /// Path of the shipped table, `lexicons/script/traditional-simplified.tsv`, if the project is found.
    public static var shippedPath: String? {
        ProjectLayout.lexiconsDirectory().map { $0 + "/script/traditional-simplified.tsv" }
    }

    /// The shipped table.
    /// - Throws: `Diagnostic` when the project or the table cannot be found or read.
    public static func shipped() throws -> TextNormaliser {
        guard let path = shippedPath else {
            throw Diagnostic(.error, file: "lexicons/script/traditional-simplified.tsv",
                             "cannot find the project's lexicons/ folder; run inside the project or set TUIWEI_HOME")
        }
        return try load(path: path)
    }

    /// The matching fold of one scalar.
    @inline(__always)
    public func fold(_ scalar: UInt32) -> UInt32 {
        scalar < 0x10000 ? bmp[Int(scalar)] : scalar
    }

    /// The matching fold of `text`'s scalars, one for each scalar of the original.
    public func fold(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars { out.append(fold(s.value)) }
        return out
    }

    /// `text` with its traditional characters made simplified, width, case and digits as
    /// written: the text the segmenter reads. Folding is one scalar for one, so scalar offsets
    /// into the result are offsets into `text`.
    public func ideographs(_ text: String) -> String {
        // Most text is already simplified and comes back as it is, without a copy.
        guard text.unicodeScalars.contains(where: { script($0.value) != $0.value }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            let v = s.value
            let folded = Unicode.Scalar(script(v)) ?? s
            UTF8.encode(folded) { out.append($0) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The script fold of one scalar that is already width folded: ideographs to simplified,
    /// every other scalar as it is (Latin case and digits as written, as cues need them).
    @inline(__always)
    public func script(_ v: UInt32) -> UInt32 {
        // Full-width forms lie above the ideographs' blocks but are the width level's to fold.
        v >= 0x3400 && !(0xFF01...0xFF5E).contains(v) ? fold(v) : v
    }

    /// `text`'s scalars width folded, then script folded: what the scorer's term lists are
    /// matched against.
    public func widthAndScript(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars { out.append(script(Self.width(s.value))) }
        return out
    }
}

// MARK: Width, and the classes of character

extension TextNormaliser {
    /// Full-width ASCII (`ＣＬＢ`, `：`, `２０００`) to ASCII, the ideographic space to a space.
    @inlinable @inline(__always)
    public static func width(_ v: UInt32) -> UInt32 {
        if v >= 0xFF01, v <= 0xFF5E { return v - 0xFEE0 }
        return v == 0x3000 ? 0x20 : v
    }

    @inlinable @inline(__always)
    public static func width(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v >= 0xFF01, v <= 0xFF5E { return Unicode.Scalar(v - 0xFEE0)! }
        return v == 0x3000 ? " " : s
    }

    public static func width(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(width(s)) }
        return String(out)
    }

    /// `text`'s scalars, width folded.
    public static func widthScalars(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars { out.append(width(s.value)) }
        return out
    }

    /// White space within a line: spaces of every width, tabs, the no-break and zero-width
    /// spaces and the byte-order mark. Line breaks are not white space here: they end lines.
    @inline(__always)
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x3000, 0xFEFF, 0x200B, 0x1680, 0x2000...0x200A, 0x202F, 0x205F: true
        default: false
        }
    }

    /// White space or a line break: what a character count or a comparison of quoted text skips.
    @inline(__always)
    public static func isBlank(_ s: Unicode.Scalar) -> Bool {
        isSpace(s) || s == "\n" || s == "\r" || s == "\u{2028}" || s == "\u{2029}"
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
        let f = width(s)
        return f.isASCII && (f.properties.isAlphabetic || (0x30...0x39).contains(f.value))
    }

    /// How far a mark stops a stretch of speech. This is the one definition the stages cut
    /// sentences and clauses by: the evidence of a detection, the sentence a referral's target
    /// is looked for in, a question's last sentence, a quote's clause, an article's sentences.
    public enum Stop: UInt8, Sendable {
        case none, clause, sentence
    }

    /// `。｡！？；` (either width) and line breaks end a sentence; `，：…` end a clause. The
    /// enumeration comma `、` joins items of one clause and stops nothing.
    @inline(__always)
    public static func stop(_ v: UInt32) -> Stop {
        switch width(v) {
        case 0x3002, 0xFF61, 0x21, 0x3F, 0x3B, 0x0A, 0x0D: .sentence
        case 0x2C, 0x3A, 0x2026: .clause
        default: .none
        }
    }

    @inline(__always)
    public static func isSentenceEnd(_ v: UInt32) -> Bool { stop(v) == .sentence }

    /// A sentence end or a clause end.
    @inline(__always)
    public static func isClauseEnd(_ v: UInt32) -> Bool { stop(v) != .none }

    @inline(__always)
    public static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool { isSentenceEnd(s.value) }

    /// Whether a line ending in `s` reads as written prose rather than a label or a heading: a
    /// sentence end, or an ellipsis or Latin full stop, which end sentences in writing too.
    @inline(__always)
    public static func endsProse(_ s: Unicode.Scalar) -> Bool {
        let v = width(s.value)
        return v != 0x0A && v != 0x0D && (isSentenceEnd(v) || v == 0x2026 || v == 0x2E)
    }

    @inline(__always)
    public static func isClosingQuote(_ s: Unicode.Scalar) -> Bool {
        switch width(s) {
        case "”", "’", "」", "』", ")", "）", "]", "】", "》", "\"", "'": true
        default: false
        }
    }

    /// Display width: CJK and full-width forms take two columns, the rest one.
    @inline(__always)
    public static func displayWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x1100 { return 1 }
        if isHan(s) || (0x3000...0x303F).contains(v) || (0xFF00...0xFF60).contains(v) || (0x3040...0x30FF).contains(v)
            || (0xAC00...0xD7AF).contains(v) || (0xFE30...0xFE4F).contains(v) || v == 0x2014 || v == 0x2026 {
            return 2
        }
        return 1
    }
}
