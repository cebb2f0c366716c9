import TuiweiCore

/// Finds terms in text, leftmost-longest and without overlaps, working over Unicode scalars.
///
/// Full-width ASCII is folded on both sides, since turn text keeps it as written.
public struct PhraseMatcher: Sendable {
    /// First scalar → terms starting with it, longest first.
    private let byFirst: [UInt32: [[UInt32]]]
    private let termIndex: [[UInt32]: Int]
    public let terms: [String]

    public init(terms: [String]) {
        self.terms = terms
        var byFirst: [UInt32: [[UInt32]]] = [:]
        var termIndex: [[UInt32]: Int] = [:]
        for (i, term) in terms.enumerated() {
            let s = TextNormaliser.widthScalars(term)
            guard let first = s.first, termIndex[s] == nil else { continue }
            termIndex[s] = i
            byFirst[first, default: []].append(s)
        }
        for key in byFirst.keys { byFirst[key]!.sort { $0.count > $1.count } }
        self.byFirst = byFirst
        self.termIndex = termIndex
    }

    /// Matches as (term index, scalar range) in order of position.
    public func matches(in scalars: [UInt32]) -> [(term: Int, range: Range<Int>)] {
        var out: [(term: Int, range: Range<Int>)] = []
        var i = 0
        while i < scalars.count {
            if let candidates = byFirst[scalars[i]],
               let hit = candidates.first(where: { c in
                   i + c.count <= scalars.count && scalars[i..<(i + c.count)].elementsEqual(c)
               }) {
                out.append((termIndex[hit]!, i..<(i + hit.count)))
                i += hit.count
            } else {
                i += 1
            }
        }
        return out
    }

    /// Whether any term occurs: the scan above finds its first match at the first place a term
    /// starts, so that place is all this looks for.
    public func contains(in scalars: [UInt32]) -> Bool {
        for i in scalars.indices where prefixMatch(scalars[i...]) != nil { return true }
        return false
    }

    /// The length of the longest term `scalars` ends with, if any.
    public func suffixMatch(_ scalars: [UInt32]) -> Int? {
        var best: Int?
        for candidates in byFirst.values {
            for c in candidates where scalars.count >= c.count && scalars.suffix(c.count).elementsEqual(c) {
                best = max(best ?? 0, c.count)
            }
        }
        return best
    }

    /// Whether `scalars` begins with one of the terms.
    public func prefixMatch(_ scalars: ArraySlice<UInt32>) -> Int? {
        guard let first = scalars.first, let candidates = byFirst[first] else { return nil }
        for c in candidates where scalars.count >= c.count && scalars.prefix(c.count).elementsEqual(c) {
            return c.count
        }
        return nil
    }
}

