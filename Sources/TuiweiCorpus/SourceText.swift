import TuiweiCore

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
        var lines: [SourceLine] = []
        var current: [Unicode.Scalar] = []
        /// Each line gets an array of its own size: handing on `current` itself would give every
        /// line the capacity of the longest line before it.
        func endLine() {
            lines.append(SourceLine(number: lines.count + 1, scalars: current.withUnsafeBufferPointer { Array($0) }))
            current.removeAll(keepingCapacity: true)
        }
        var previousCR = false
        for s in text.unicodeScalars {
            if s == "\n" {
                if previousCR { previousCR = false; continue }
                endLine()
            } else if s == "\r" {
                endLine()
                previousCR = true
                continue
            } else if s == "\u{2028}" || s == "\u{2029}" {
                endLine()
            } else {
                current.append(s)
            }
            previousCR = false
        }
        if !current.isEmpty { endLine() }
        self.lines = lines
    }
}
