/// One segment of the input: a word, a number, a Latin run, a punctuation mark or another symbol.
///
/// Tokens carry offsets rather than text so that callers can highlight, map back to source lines
/// and slice without the segmenter allocating a `String` per word.
public struct Token: Sendable, Hashable {
    /// Offsets in Unicode scalars into the input.
    public let scalarRange: Range<Int>
    /// Offsets in UTF-8 bytes into the input.
    public let utf8Range: Range<Int>
    public let kind: TokenKind

    public init(scalarRange: Range<Int>, utf8Range: Range<Int>, kind: TokenKind) {
        self.scalarRange = scalarRange
        self.utf8Range = utf8Range
        self.kind = kind
    }

    /// The token's text, sliced from the string it was found in.
    public func text(in input: String) -> String {
        let utf8 = input.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
        let end = utf8.index(start, offsetBy: utf8Range.count)
        return String(input[start..<end])
    }
}

/// What a token is made of.
public enum TokenKind: String, Sendable, Hashable {
    /// Chinese (or other ideographic) text, including dictionary words that mix in Latin letters.
    case word
    /// Digits, with decimal point, thousands separators and a trailing percent sign.
    case number
    /// Letters (and digits mixed with letters, as in `AK47`); half- or full-width.
    case latin
    /// One punctuation mark (runs of the same ellipsis or dash character stay together).
    case punctuation
    /// Any other symbol: emoji, mathematical signs, private-use characters.
    case other
}
