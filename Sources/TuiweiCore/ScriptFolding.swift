import Foundation

/// Folds text scalar by scalar so that one lexicon spelling matches every way a phrase is written:
/// traditional characters to simplified, full-width ASCII to ASCII, Latin capitals to lower case,
/// every digit to `0`.
///
/// Folding never changes the number of scalars, so an offset in the folded text is the same offset
/// in the original turn.
public struct ScriptFolder: Sendable {
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
        for i in 0xFF01...0xFF5E { table[i] = table[i - 0xFF01 + 0x21] }
        table[0x3000] = 0x20
        for (from, to) in pairs where from < 0x10000 { table[Int(from)] = to }
        self.bmp = table
        self.tableSize = pairs.count
    }

    /// Reads a table of `TRADITIONAL<TAB>SIMPLIFIED` lines (`#` comments), one character each side.
    /// - Throws: `Diagnostic` naming the file and line of the first malformed line.
    public static func load(path: String) throws -> ScriptFolder {
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
        return ScriptFolder(pairs: pairs)
    }

    /// Path of the shipped table, `lexicons/script/traditional-simplified.tsv`, if the project is found.
    public static var shippedPath: String? {
        ProjectLayout.lexiconsDirectory().map { $0 + "/script/traditional-simplified.tsv" }
    }

    /// The shipped table.
    /// - Throws: `Diagnostic` when the project or the table cannot be found or read.
    public static func shipped() throws -> ScriptFolder {
        guard let path = shippedPath else {
            throw Diagnostic(.error, file: "lexicons/script/traditional-simplified.tsv",
                             "cannot find the project's lexicons/ folder; run inside the project or set TUIWEI_HOME")
        }
        return try load(path: path)
    }

    @inline(__always)
    public func fold(_ scalar: UInt32) -> UInt32 {
        scalar < 0x10000 ? bmp[Int(scalar)] : scalar
    }

    /// The folded scalars of `text`, one for each scalar of the original.
    public func fold(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars { out.append(fold(s.value)) }
        return out
    }

    /// `text` with its traditional characters made simplified, width, case and digits as
    /// written: the text the segmenter reads. Folding is one scalar for one, so scalar offsets
    /// into the result are offsets into `text`.
    public func foldingIdeographs(_ text: String) -> String {
        // Most text is already simplified and comes back as it is, without a copy.
        guard text.unicodeScalars.contains(where: { $0.value >= 0x3400 && fold($0.value) != $0.value }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            let v = s.value
            let folded = v >= 0x3400 ? Unicode.Scalar(fold(v)) ?? s : s
            UTF8.encode(folded) { out.append($0) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
