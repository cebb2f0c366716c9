import TuiweiCore
#if canImport(Glibc)
import Glibc
#endif

/// One physical line of an input file.
public struct SourceLine: Sendable {
    /// 1-based line number in the original file.
    public let number: Int
    /// The line's scalars, without its line terminator.
    public let scalars: [Unicode.Scalar]
    /// Bounds of the content once leading and trailing white space (incl. U+3000) is set aside.
    public let contentStart: Int
    public let contentEnd: Int

    public init(number: Int, scalars: [Unicode.Scalar]) {
        self.number = number
        self.scalars = scalars
        var s = 0
        var e = scalars.count
        while s < e, TextNormaliser.isSpace(scalars[s]) { s += 1 }
        while e > s, TextNormaliser.isSpace(scalars[e - 1]) { e -= 1 }
        contentStart = s
        contentEnd = e
    }

    public var isBlank: Bool { contentStart == contentEnd }
    public var content: ArraySlice<Unicode.Scalar> { scalars[contentStart..<contentEnd] }
    public var contentString: String { String(String.UnicodeScalarView(content)) }

    /// A line holding nothing but a number of up to four digits: a page number of a PDF export.
    public var isBarePageNumber: Bool {
        let c = content
        return !c.isEmpty && c.count <= 4 && c.allSatisfy { TextNormaliser.width($0).properties.numericType == .decimal && TextNormaliser.width($0).isASCII }
    }
}

/// A decoded document split into lines; CRLF, CR and LF all end a line.
public struct SourceText: Sendable {
    public let id: String
    public let path: String
    public let encoding: String
    public let lines: [SourceLine]
    public let warnings: [String]

    public init(id: String, path: String, encoding: String, text: String, warnings: [String] = []) {
        self.id = id
        self.path = path
        self.encoding = encoding
        self.warnings = warnings
        var splitter = LineSplitter()
        for s in text.unicodeScalars { splitter.add(s) }
        splitter.finish()
        let lines = splitter.lines
        self.lines = lines
    }
}

/// Splits decoded text into lines: CRLF, CR, LF, U+2028 and U+2029 each end one. Text fed in
/// pieces splits as the whole text would, with line numbers running on.
public struct LineSplitter {
    /// The lines ended and not yet taken.
    public private(set) var lines: [SourceLine] = []
    private var current: [Unicode.Scalar] = []
    private var previousCR = false
    private var number = 0

    public init() {}

    /// Each line gets an array of its own size: handing on `current` itself would give every
    /// line the capacity of the longest line before it.
    private mutating func endLine() {
        number += 1
        lines.append(SourceLine(number: number, scalars: current.withUnsafeBufferPointer { Array($0) }))
        current.removeAll(keepingCapacity: true)
    }

    public mutating func add(_ s: Unicode.Scalar) {
        if s == "\n" {
            if previousCR { previousCR = false; return }
            endLine()
        } else if s == "\r" {
            endLine()
            previousCR = true
            return
        } else if s == "\u{2028}" || s == "\u{2029}" {
            endLine()
        } else {
            current.append(s)
        }
        previousCR = false
    }

    /// The text has ended: a last line without a terminator is a line.
    public mutating func finish() {
        if !current.isEmpty { endLine() }
    }

    /// The lines ended so far, handed on once.
    public mutating func take() -> [SourceLine] {
        defer { lines.removeAll(keepingCapacity: true) }
        return lines
    }
}

/// A large file of plain UTF-8 text read a piece at a time, as lines, so that it is never held
/// whole. Only text that `TextDecoder.decode` reads as it is — UTF-8, with or without a
/// byte-order mark, valid throughout, without control bytes other than tab, line ends and form
/// feed — is read this way; `next()` gives nil and sets `failed` at the first piece that is
/// not, and a reader should then read the file whole.
public final class FileLines {
    public let path: String
    /// The encoding, as `TextDecoder` names it.
    public let encoding: String
    private let fd: Int32
    private var carry: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: FileLines.pieceBytes)
    private var pending: [SourceLine] = []
    private var at = 0
    private var splitter = LineSplitter()
    private var ended = false
    public private(set) var failed = false
    /// How much of the file is read at a time.
    public static let pieceBytes = 1 << 20

    /// Opens `path`; nil when it cannot be opened or starts as no plain UTF-8 text does.
    public init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var first = [UInt8](repeating: 0, count: 3)
        let n = read(fd, &first, 3)
        let bom = n == 3 && first == [0xEF, 0xBB, 0xBF]
        guard n > 0, !(n >= 2 && (first.starts(with: [0xFF, 0xFE]) || first.starts(with: [0xFE, 0xFF]))) else {
            close(fd)
            return nil
        }
        if !bom { carry = Array(first[..<n]) }
        self.fd = fd
        self.path = path
        encoding = bom ? "UTF-8 (BOM)" : "UTF-8"
    }

    deinit { close(fd) }

    /// The next line, or nil at the end of the file or of what could be read.
    public func next() -> SourceLine? {
        while at == pending.count {
            if ended || failed { return nil }
            readPiece()
        }
        defer { at += 1 }
        return pending[at]
    }

    private func readPiece() {
        pending.removeAll(keepingCapacity: true)
        at = 0
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, Self.pieceBytes) }
        if n < 0 { failed = true; return }
        let atEnd = n == 0
        carry += buffer[..<n]
        // A piece ends after a line feed, which no UTF-8 sequence holds; the rest waits.
        var cut = carry.count
        if !atEnd {
            guard let lf = carry.lastIndex(of: 0x0A) else { return }
            cut = lf + 1
        }
        let ok = carry.withUnsafeBufferPointer { b in
            !b[..<cut].contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }
        }
        guard ok, let text = String(validating: carry[..<cut], as: UTF8.self) else { failed = true; return }
        carry.removeFirst(cut)
        for s in text.unicodeScalars { splitter.add(s) }
        if atEnd {
            splitter.finish()
            ended = true
        }
        pending = splitter.take()
    }
}
