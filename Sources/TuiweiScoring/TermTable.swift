import Foundation
import TuiweiCore

/// A two-column lexicon file: `category<TAB>term` per line, `#` comments and blank lines ignored.
///
/// Used for the scoring cues (`cues.tsv`) and the orientation terms (`orientation.tsv`); the
/// allowed categories are fixed by the caller so that a misspelt category is an error, not a silent miss.
public struct TermTable: Sendable, Hashable {
    /// Category → terms, in file order without repeats.
    public let terms: [String: [String]]
    public let source: String

    public init(terms: [String: [String]], source: String = "(built-in)") {
        self.terms = terms
        self.source = source
    }

    public subscript(_ category: String) -> [String] { terms[category] ?? [] }

    /// Parses `text`; every category must be one of `categories`.
    public static func parse(_ text: String, file: String, categories: [String]) throws(Diagnostic) -> TermTable {
        var terms: [String: [String]] = [:]
        var seen: Set<String> = []
        for (number, rawLine) in lines(of: text) {
            var line = rawLine
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if fields.isEmpty { continue }
            guard fields.count == 2 else {
                throw Diagnostic(.error, file: file, line: number,
                                 "expected 'category<TAB>term', found \(fields.count) field(s); separate the two with one tab")
            }
            let category = fields[0], term = fields[1]
            guard categories.contains(category) else {
                throw Diagnostic(.error, file: file, line: number,
                                 "unknown category '\(category)'; use one of: \(categories.joined(separator: ", "))")
            }
            if seen.insert(category + "\t" + term).inserted { terms[category, default: []].append(term) }
        }
        // The shipped term lists are required: an empty one would silently score less.
        if terms.isEmpty { throw DataFile.empty(file, what: "term list", need: .required) }
        return TermTable(terms: terms, source: file)
    }

    public static func load(path: String, categories: [String]) throws(Diagnostic) -> TermTable {
        try parse(try readText(path), file: path, categories: categories)
    }
}

/// A one-column word list (`stopwords.txt`): one word per line, `#` comments.
public enum WordList {
    public static func parse(_ text: String, file: String) throws(Diagnostic) -> Set<String> {
        var out: Set<String> = []
        for (number, rawLine) in lines(of: text) {
            var line = rawLine
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let word = line.trimmingCharacters(in: .whitespaces)
            if word.isEmpty { continue }
            if word.contains(where: { $0 == " " || $0 == "\t" }) {
                throw Diagnostic(.error, file: file, line: number,
                                 "one word per line expected, found '\(word)'; put each word on its own line")
            }
            out.insert(word)
        }
        if out.isEmpty { throw DataFile.empty(file, what: "word list", need: .required) }
        return out
    }

    public static func load(path: String) throws(Diagnostic) -> Set<String> {
        try parse(try readText(path), file: path)
    }
}

/// Lines with 1-based numbers, read as every data file is.
func lines(of text: String) -> [(Int, Substring)] {
    DataFile.lines(text).map { ($0.number, $0.text) }
}
