/// A point in an original input file: 1-based line and column, columns counted in Unicode scalars.
///
/// Every quoted piece of evidence carries one, so a researcher can open the file at that line.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Identifier of the document (its file name without extension, or `stdin`).
    public let document: String
    public let line: Int
    public let column: Int

    public init(document: String, line: Int, column: Int) {
        self.document = document
        self.line = line
        self.column = column
    }

    public var description: String { "\(document):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.document, a.line, a.column) < (b.document, b.line, b.column)
    }
}

/// Maps scalar offsets in a piece of normalised text back to lines and columns of the original.
///
/// Normalisation re-joins wrapped lines and trims margins, so a passage is a concatenation of
/// slices of original lines. Each slice is one `Piece`; text inserted by normalisation (the space
/// that joins two Latin words) belongs to no piece and maps to the start of the next one.
public struct SourceMap: Sendable, Hashable, Codable {
    /// A run of `length` scalars starting at `offset` in the passage, copied from `line`, `column`.
    public struct Piece: Sendable, Hashable, Codable {
        public let offset: Int
        public let line: Int
        public let column: Int
        public let length: Int

        public init(offset: Int, line: Int, column: Int, length: Int) {
            self.offset = offset
            self.line = line
            self.column = column
            self.length = length
        }
    }

    public let document: String
    /// Pieces in increasing `offset` order, non-overlapping.
    public let pieces: [Piece]

    public init(document: String, pieces: [Piece]) {
        self.document = document
        self.pieces = pieces
    }

    /// The original location of the scalar at `offset` in the passage.
    public func location(at offset: Int) -> SourceLocation {
        guard !pieces.isEmpty else { return SourceLocation(document: document, line: 0, column: 0) }
        // Last piece whose offset <= target.
        var lo = 0
        var hi = pieces.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if pieces[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
        }
        let p = pieces[lo]
        if offset < p.offset {
            return SourceLocation(document: document, line: p.line, column: p.column)
        }
        if offset >= p.offset + p.length, lo + 1 < pieces.count {
            let next = pieces[lo + 1]
            return SourceLocation(document: document, line: next.line, column: next.column)
        }
        return SourceLocation(document: document, line: p.line, column: p.column + (offset - p.offset))
    }

    /// First and last original lines this passage draws on.
    public var lines: ClosedRange<Int> {
        guard let first = pieces.first, let last = pieces.last else { return 0...0 }
        return min(first.line, last.line)...max(first.line, last.line)
    }

    /// The part of this map that covers scalars `range` of the passage, re-based to offset 0.
    public func slice(_ range: Range<Int>) -> SourceMap {
        var out: [Piece] = []
        for p in pieces {
            let start = max(p.offset, range.lowerBound)
            let end = min(p.offset + p.length, range.upperBound)
            if start < end {
                out.append(Piece(offset: start - range.lowerBound, line: p.line,
                                 column: p.column + (start - p.offset), length: end - start))
            }
        }
        return SourceMap(document: document, pieces: out)
    }
}

/// Normalised text together with its way back to the original file.
public struct Passage: Sendable, Hashable, Codable {
    public let text: String
    public let map: SourceMap

    public init(text: String, map: SourceMap) {
        self.text = text
        self.map = map
    }

    public var lines: ClosedRange<Int> { map.lines }
    public var start: SourceLocation { map.location(at: 0) }
}
