import TuiweiCore
import TuiweiScoring

/// Whom an official leans on, per 1,000 characters of their speech.
public struct OrientationProfile: Sendable, Hashable, Codable {
    public let counts: OrientationCounts
    public var authorityPer1000: Double { per1000(counts.authority) }
    public var grassrootsPer1000: Double { per1000(counts.grassroots) }
    /// Most frequent terms, most frequent first.
    public var topTerms: [(term: String, count: Int)] {
        counts.terms.map { ($0.key, $0.value) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
    }
    private func per1000(_ n: Int) -> Double { counts.characters > 0 ? Double(n) * 1000 / Double(counts.characters) : 0 }
}

/// How much of an official's wording also appears in the official-media documents.
public struct BoilerplateProfile: Sendable, Hashable, Codable {
    /// Word n-grams in the official's speech (occurrences).
    public let ngrams: Int
    /// Those also found in the article documents.
    public let shared: Int
    /// The most frequent shared phrases with their counts.
    public let topPhrases: [PhraseCount]

    public var index: Double { ngrams > 0 ? Double(shared) / Double(ngrams) : 0 }

    public struct PhraseCount: Sendable, Hashable, Codable {
        public let phrase: String
        public let count: Int
    }
}
