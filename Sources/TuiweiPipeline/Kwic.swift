import TuiweiCore
import TuiweiLexicon

/// Keyword in context: where a lexicon pattern occurs in a corpus, as a plain table.
public enum Kwic {
    /// One occurrence.
    public struct Row: Sendable, Hashable {
        public let document: String
        public let line: Int
        public let column: Int
        /// Speaker label, or `-` for article text.
        public let speaker: String
        /// `official`, `caller`, `unknown` or `article`.
        public let role: String
        public let left: String
        public let match: String
        public let right: String
        /// Codes the detector gives to spans overlapping the match (`IGNORANCE@file:line`).
        public let codes: [String]
    }

    /// Every match of `pattern` in the turns (and, unless `officialsOnly`, the article paragraphs)
    /// of `documents`, in document order.
    /// - Parameter width: characters of context on each side.
    public static func search(_ pattern: Pattern, in documents: [Document], detection: DeflectionDetection,
                              width: Int = 12, officialsOnly: Bool = false) -> [Row] {
        let search = Search(pattern, detection: detection, width: width, officialsOnly: officialsOnly)
        return documents.flatMap(search.rows(in:))
    }

    /// A pattern made ready to be looked for, one document at a time: a corpus is searched
    /// without holding it.
    public struct Search: Sendable {
        let automaton: PhraseAutomaton
        let detection: DeflectionDetection
        let width: Int
        let officialsOnly: Bool

        /// - Parameter width: characters of context on each side.
        public init(_ pattern: Pattern, detection: DeflectionDetection, width: Int = 12, officialsOnly: Bool = false) {
            automaton = PhraseAutomaton(patterns: [pattern])
            self.detection = detection
            self.width = width
            self.officialsOnly = officialsOnly
        }

        /// Every match in the turns (and, unless `officialsOnly`, the article paragraphs) of `d`.
        public func rows(in d: Document) -> [Row] {
            let normaliser = detection.detector.lexicon.normaliser
            var rows: [Row] = []
            let segmented = detection.segmenter != nil
            func scan(_ passage: Passage, document: String, speaker: String, role: String, turn: TurnAnalysis?) {
                let scalars = Array(passage.text.unicodeScalars)
                let folded = scalars.map { normaliser.fold($0.value) }
                let tokens = turn.map { segmented ? $0.tokens : nil } ?? detection.tokens(in: passage.text)
                let matches = automaton.matches(in: folded, boundaries: tokens.map { WordBoundaries(tokens: $0, length: folded.count) })
                if matches.isEmpty { return }
                let detections = turn?.detections ?? []
                func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
                for m in matches {
                    let loc = passage.map.location(at: m.range.lowerBound)
                    rows.append(Row(document: document, line: loc.line, column: loc.column, speaker: speaker, role: role,
                                    left: text(max(0, m.range.lowerBound - width)..<m.range.lowerBound), match: text(m.range),
                                    right: text(m.range.upperBound..<min(scalars.count, m.range.upperBound + width)),
                                    codes: detections.filter { $0.range.overlaps(m.range) }.map { "\($0.code.rawValue)@\($0.rule)" }))
                }
            }
            guard d.status.isAnalysed else { return [] }
            for analysis in detection.analyse(d) {
                let c = analysis.call
                for t in c.turns where !officialsOnly || t.role == .official {
                    scan(t.passage, document: d.id, speaker: c.speakers[t.speaker].label, role: t.role.rawValue,
                         turn: analysis.turns[t.index])
                }
            }
            if !officialsOnly {
                for p in d.paragraphs { scan(p, document: d.id, speaker: "-", role: "article", turn: nil) }
            }
            return rows
        }
    }
}
