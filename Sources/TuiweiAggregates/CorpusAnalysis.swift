import TuiweiCore
import TuiweiScoring

/// The raw result of analysing a corpus, or any part of it.
///
/// Partial results (one per document or shard) combine with `merging`, and every array is kept in
/// a canonical order, so the totals and the reports are the same whatever order shards finish in.
public struct CorpusAnalysis: Sendable, Hashable, Codable {
    public private(set) var documents: [DocumentEntry]
    public private(set) var calls: [CallEntry]
    public private(set) var answers: [ScoredAnswer]
    public private(set) var duplicates: [DuplicateLink]
    /// Word n-grams of the official-media (article) documents.
    public private(set) var referenceNgrams: Set<String>

    public init(documents: [DocumentEntry] = [], calls: [CallEntry] = [], answers: [ScoredAnswer] = [],
                duplicates: [DuplicateLink] = [], referenceNgrams: Set<String> = []) {
        self.documents = documents
        self.calls = calls
        self.answers = answers
        self.duplicates = duplicates
        self.referenceNgrams = referenceNgrams
        canonicalise()
    }

    /// This result and `other` together.
    public func merging(_ other: CorpusAnalysis) -> CorpusAnalysis {
        CorpusAnalysis(documents: documents + other.documents, calls: calls + other.calls,
                       answers: answers + other.answers, duplicates: duplicates + other.duplicates,
                       referenceNgrams: referenceNgrams.union(other.referenceNgrams))
    }

    /// All parts together, in any order.
    public static func merged(_ parts: [CorpusAnalysis]) -> CorpusAnalysis {
        CorpusAnalysis(documents: parts.flatMap(\.documents), calls: parts.flatMap(\.calls),
                       answers: parts.flatMap(\.answers), duplicates: parts.flatMap(\.duplicates),
                       referenceNgrams: parts.reduce(into: Set<String>()) { $0.formUnion($1.referenceNgrams) })
    }

    /// Adds the duplicate-call links found across documents (`TranscriptReader.duplicates`).
    public func addingDuplicates(_ links: [DuplicateLink]) -> CorpusAnalysis {
        CorpusAnalysis(documents: documents, calls: calls, answers: answers, duplicates: duplicates + links,
                       referenceNgrams: referenceNgrams)
    }

    private mutating func canonicalise() {
        documents.sort { ($0.id, $0.path) < ($1.id, $1.path) }
        calls.sort { ($0.document, $0.call) < ($1.document, $1.call) }
        answers.sort { ($0.score.document, $0.score.call, $0.score.turn) < ($1.score.document, $1.score.call, $1.score.turn) }
        var seen: Set<DuplicateLink> = []
        duplicates = duplicates.filter { seen.insert($0).inserted }
            .sorted { ($0.document, $0.call, $0.original, $0.originalCall) < ($1.document, $1.call, $1.original, $1.originalCall) }
    }

    /// Calls that repeat another analysed call: listed, but left out of every aggregate.
    public var duplicateCalls: [CallID: DuplicateLink] {
        Self.copies(duplicates, present: Set(calls.map(\.id)))
    }

    /// The links that hold between calls in `present` (`document#call`; nil: every call linked is
    /// present), keyed by the copy: one original per copy, and of two calls naming each other, the
    /// one that sorts first stays the original.
    public static func copies(_ links: [DuplicateLink], present: Set<CallID>? = nil) -> [CallID: DuplicateLink] {
        let sorted = links.sorted { ($0.document, $0.call, $0.original, $0.originalCall) < ($1.document, $1.call, $1.original, $1.originalCall) }
        struct Pair: Hashable { let copy: CallID, original: CallID }
        let linked = Set(sorted.map { Pair(copy: $0.copy, original: $0.originalID) })
        var out: [CallID: DuplicateLink] = [:]
        for link in sorted {
            let copy = link.copy, original = link.originalID
            guard present.map({ $0.contains(copy) && $0.contains(original) }) ?? true, copy != original else { continue }
            if linked.contains(Pair(copy: original, original: copy)), copy < original { continue }
            if out[copy] == nil { out[copy] = link }
        }
        return out
    }
}

extension CorpusAnalysis {
    private enum Keys: String, CodingKey { case documents, calls, answers, duplicates, referenceNgrams }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(documents, forKey: .documents)
        try c.encode(calls, forKey: .calls)
        try c.encode(answers, forKey: .answers)
        try c.encode(duplicates, forKey: .duplicates)
        // Sorted, so that the same analysis always gives the same bytes (in a run's shard file).
        try c.encode(referenceNgrams.sorted(), forKey: .referenceNgrams)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(documents: try c.decode([DocumentEntry].self, forKey: .documents),
                  calls: try c.decode([CallEntry].self, forKey: .calls),
                  answers: try c.decode([ScoredAnswer].self, forKey: .answers),
                  duplicates: try c.decode([DuplicateLink].self, forKey: .duplicates),
                  referenceNgrams: Set(try c.decode([String].self, forKey: .referenceNgrams)))
    }
}
