import Foundation
import TuiweiSegmentation

/// Proposes lexicon phrases: whole words and word n-grams frequent in officials' speech and rare in the reference
/// text (callers' turns, news articles), that no entry covers yet.
public struct LexiconMiner: Sendable {
    /// A text to count, with a label for its example contexts (`000_43baa8c35279a078:12`).
    public struct Text: Sendable {
        public let text: String
        public let label: String
        /// Word ranges in scalars; nil counts single characters as words.
        public let tokens: [Range<Int>]?

        public init(text: String, label: String, tokens: [Range<Int>]?) {
            self.text = text
            self.label = label
            self.tokens = tokens
        }
    }

    /// One proposed phrase.
    public struct Candidate: Sendable, Hashable {
        public let phrase: String
        /// Occurrences in officials' turns and in the reference text.
        public let officialCount: Int
        public let referenceCount: Int
        /// Log-odds ratio divided by its standard error (smoothed by 0.5): how much more typical of
        /// officials the phrase is.
        public let score: Double
        /// Up to three places it occurs in officials' turns, with context.
        public let examples: [String]
    }

    public var minimumCount = 3
    /// Phrases of fewer words are not proposed. A single word still needs `minimumLength`
    /// characters, which leaves out function words.
    public var minimumWords = 1
    public var maximumWords = 4
    /// Phrases shorter than this many characters are not proposed.
    public var minimumLength = 3
    public var limit = 40

    public init(minimumCount: Int = 3, minimumWords: Int = 1, maximumWords: Int = 4, minimumLength: Int = 3, limit: Int = 40) {
        self.minimumCount = minimumCount
        self.minimumWords = minimumWords
        self.maximumWords = maximumWords
        self.minimumLength = minimumLength
        self.limit = limit
    }

    /// Ranked candidates, best first.
    /// - Parameters:
    ///   - official: officials' turns.
    ///   - reference: callers' turns and articles.
    ///   - detector: the current lexicon; phrases any of its code entries matches are left out.
    public func mine(official: [Text], reference: [Text], detector: Detector) -> [Candidate] {
        var officialCounts: [String: Int] = [:]
        var examples: [String: [String]]? = [:]
        let officialTotal = count(official, into: &officialCounts, examples: &examples)
        var referenceCounts: [String: Int] = [:]
        var unused: [String: [String]]? = nil
        let referenceTotal = count(reference, into: &referenceCounts, examples: &unused)
        let alpha = 0.5
        var ranked: [Candidate] = []
        for (phrase, fo) in officialCounts where fo >= minimumCount {
            let fr = referenceCounts[phrase] ?? 0
            let lo = log((Double(fo) + alpha) / (Double(officialTotal - fo) + alpha))
                - log((Double(fr) + alpha) / (Double(max(referenceTotal - fr, 0)) + alpha))
            let z = lo / sqrt(1 / (Double(fo) + alpha) + 1 / (Double(fr) + alpha))
            guard z > 0 else { continue }
            ranked.append(Candidate(phrase: phrase, officialCount: fo, referenceCount: fr, score: z,
                                    examples: Array((examples?[phrase] ?? []).prefix(3))))
        }
        ranked.sort { ($0.score, $0.phrase.unicodeScalars.count) > ($1.score, $1.phrase.unicodeScalars.count) }
        var out: [Candidate] = []
        for c in ranked {
            if out.count >= limit { break }
            let folded = detector.lexicon.normaliser.fold(c.phrase)
            let covered = detector.candidates(in: folded).contains { detector.lexicon.entries[$0.entry].category.code != nil }
            if covered { continue }
            // A shorter phrase seen exactly as often as a longer one already listed adds nothing.
            if out.contains(where: { $0.officialCount == c.officialCount && $0.phrase.contains(c.phrase) }) { continue }
            out.append(c)
        }
        return out
    }

    /// Particles that attach to the word before them (的, 了, 吗 …).
    static let leansBack: Set<[UInt32]> = Set(["的", "地", "得", "了", "着", "过", "吗", "呢", "吧", "啊", "呀", "嘛", "么", "们", "啦"]
        .map { $0.unicodeScalars.map(\.value) })

    private func count(_ texts: [Text], into counts: inout [String: Int], examples: inout [String: [String]]?) -> Int {
        var total = 0
        for t in texts {
            let scalars = Array(t.text.unicodeScalars)
            let words: [Range<Int>] = t.tokens ?? scalars.indices.map { $0..<($0 + 1) }
            // Runs of words between punctuation; n-grams never cross it.
            var run: [Range<Int>] = []
            func flush() {
                let words = run.map { Array(scalars[$0].map(\.value)) }
                for i in run.indices {
                    // A phrase does not begin with a particle that leans on the word before it, nor
                    // with the measure word of a numeral or demonstrative before it (个情况).
                    if Self.leansBack.contains(words[i]) { continue }
                    if i > 0, Segmenter.takesMeasureWord(words[i - 1]), Segmenter.isMeasureWord(words[i]) { continue }
                    var end = i
                    while end < run.count, end - i < maximumWords {
                        let r = run[i].lowerBound..<run[end].upperBound
                        end += 1
                        guard end - i >= minimumWords, r.count >= minimumLength else { continue }
                        // Nor does it end with a numeral or demonstrative cut from what it counts (我们这).
                        if Segmenter.takesMeasureWord(words[end - 1]) { continue }
                        var v = String.UnicodeScalarView()
                        v.append(contentsOf: scalars[r])
                        let phrase = String(v)
                        counts[phrase, default: 0] += 1
                        total += 1
                        if examples != nil, (examples?[phrase]?.count ?? 0) < 3 {
                            let left = String(String.UnicodeScalarView(scalars[max(0, r.lowerBound - 10)..<r.lowerBound]))
                            let right = String(String.UnicodeScalarView(scalars[r.upperBound..<min(scalars.count, r.upperBound + 10)]))
                            examples?[phrase, default: []].append("\(t.label)  …\(left)【\(phrase)】\(right)…")
                        }
                    }
                }
                run.removeAll()
            }
            for w in words where w.lowerBound >= 0 && w.upperBound <= scalars.count && !w.isEmpty {
                let isWord = scalars[w].allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }
                if isWord { run.append(w) } else { flush() }
            }
            flush()
        }
        return total
    }
}
