import TuiweiCore
import TuiweiCorpus

/// Counts that show nothing was lost: every non-blank character of the input is in exactly one
/// part of the parsed document (a turn, a label, a header, an event, the preamble, a paragraph,
/// unattributed text or recorded noise).
public enum Accounting {
    /// Non-blank scalars of a text (line ends and white space do not count).
    public static func nonBlankScalars(in text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (TextNormaliser.isBlank($1) ? 0 : 1) }
    }

    /// Non-blank scalars of every part of a parsed document.
    public static func nonBlankScalars(in d: Document) -> Int {
        var total = d.preamble.reduce(0) { $0 + nonBlankScalars(in: $1.text) }
        total += d.paragraphs.reduce(0) { $0 + nonBlankScalars(in: $1.text) }
        total += d.noise.reduce(0) { $0 + nonBlankScalars(in: $1.text) }
        for c in d.calls {
            total += nonBlankScalars(in: c.header?.text ?? "")
            total += c.turns.reduce(0) { $0 + nonBlankScalars(in: $1.text) + nonBlankScalars(in: $1.label?.text ?? "") }
            total += c.events.reduce(0) { $0 + nonBlankScalars(in: $1.passage.text) }
            total += c.unattributed.reduce(0) { $0 + nonBlankScalars(in: $1.text) }
        }
        return total
    }
}
