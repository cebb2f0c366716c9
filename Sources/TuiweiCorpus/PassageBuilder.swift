import TuiweiCore

/// Accumulates slices of source lines into one passage, re-joining lines that a PDF export
/// wrapped: CJK text joins with nothing between, Latin words and numbers with one space.
public struct PassageBuilder {
    public let document: String
    private var utf8: [UInt8] = []
    private(set) var count = 0
    private var pieces: [SourceMap.Piece] = []
    private var last: Unicode.Scalar?

    public init(document: String) { self.document = document }

    public var isEmpty: Bool { count == 0 }

    /// Appends `line.scalars[range]` (1-based column = range start + 1), as a continuation.
    public mutating func append(_ line: SourceLine, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let first = line.scalars[range.lowerBound]
        if let last, TextNormaliser.isLatinWordChar(last), TextNormaliser.isLatinWordChar(first) {
            utf8.append(0x20)
            count += 1
        }
        pieces.append(.init(offset: count, line: line.number, column: range.lowerBound + 1, length: range.count))
        utf8.reserveCapacity(utf8.count + 3 * range.count)
        line.scalars.withUnsafeBufferPointer { s in
            for i in range {
                let v = s[i].value
                switch v {
                case ..<0x80:
                    utf8.append(UInt8(v))
                case ..<0x800:
                    utf8.append(UInt8(0xC0 | v >> 6)); utf8.append(UInt8(0x80 | v & 0x3F))
                case ..<0x10000:
                    utf8.append(UInt8(0xE0 | v >> 12)); utf8.append(UInt8(0x80 | v >> 6 & 0x3F)); utf8.append(UInt8(0x80 | v & 0x3F))
                default:
                    utf8.append(UInt8(0xF0 | v >> 18)); utf8.append(UInt8(0x80 | v >> 12 & 0x3F))
                    utf8.append(UInt8(0x80 | v >> 6 & 0x3F)); utf8.append(UInt8(0x80 | v & 0x3F))
                }
            }
        }
        count += range.count
        last = line.scalars[range.upperBound - 1]
    }

    public func build() -> Passage {
        Passage(text: String(decoding: utf8, as: UTF8.self), map: SourceMap(document: document, pieces: pieces))
    }

    /// The last non-space scalar appended.
    public var lastScalar: Unicode.Scalar? { last }

    mutating func clearLast() { last = nil }
}

extension PassageBuilder {
    /// Marks a paragraph break inside the passage (a newline that maps to no source text).
    public mutating func appendParagraphBreak() {
        guard !isEmpty else { return }
        utf8.append(0x0A)
        count += 1
        clearLast()
    }
}
