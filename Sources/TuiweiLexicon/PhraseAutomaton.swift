/// Which scalar offsets of a text are word boundaries, from the segmenter's tokens.
public struct WordBoundaries: Sendable, Hashable {
    private let marks: [Bool]

    /// Boundaries at both ends of every token range; offsets outside `0...length` are ignored.
    public init(tokens: [Range<Int>], length: Int) {
        var marks = [Bool](repeating: false, count: length + 1)
        marks[0] = true
        marks[length] = true
        for t in tokens {
            if t.lowerBound >= 0, t.lowerBound <= length { marks[t.lowerBound] = true }
            if t.upperBound >= 0, t.upperBound <= length { marks[t.upperBound] = true }
        }
        self.marks = marks
    }

    public func contains(_ offset: Int) -> Bool {
        offset >= 0 && offset < marks.count && marks[offset]
    }
}

/// One place where a pattern matched: the pattern's index and the scalar range.
public struct PhraseMatch: Sendable, Hashable {
    public let pattern: Int
    public let range: Range<Int>
}

/// All patterns of a lexicon compiled into one Aho–Corasick automaton over folded scalars.
///
/// The automaton finds the first literal run of every spelling in one pass; the remaining runs,
/// gaps and anchors are checked only where such a run was found.
public struct PhraseAutomaton: Sendable {
    struct Spelling: Sendable {
        let pattern: Int32
        let firstLength: Int
        let rest: [[UInt32]]
        let gaps: [Int]
        let anchoredStart: Bool
        let anchoredEnd: Bool
    }

    private var transitions: [[UInt32: Int32]] = [[:]]
    private var failure: [Int32] = [0]
    /// Spellings whose first run ends at this node, including those reached through failure links.
    private var outputs: [[Int32]] = [[]]
    private var spellings: [Spelling] = []
    public let patternCount: Int

    /// Compiles `patterns`; their literals must already be folded (as `Pattern` does).
    public init(patterns: [Pattern]) {
        patternCount = patterns.count
        for (p, pattern) in patterns.enumerated() {
            for e in pattern.expansions {
                let spelling = Spelling(pattern: Int32(p), firstLength: e.segments[0].count,
                                        rest: Array(e.segments.dropFirst()), gaps: e.gaps,
                                        anchoredStart: pattern.anchoredStart, anchoredEnd: pattern.anchoredEnd)
                var node = 0
                for s in e.segments[0] {
                    if let next = transitions[node][s] {
                        node = Int(next)
                    } else {
                        transitions.append([:])
                        failure.append(0)
                        outputs.append([])
                        let next = Int32(transitions.count - 1)
                        transitions[node][s] = next
                        node = Int(next)
                    }
                }
                outputs[node].append(Int32(spellings.count))
                spellings.append(spelling)
            }
        }
        // Breadth-first failure links; outputs inherit those of their failure node.
        var queue: [Int] = transitions[0].values.map(Int.init)
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for (s, child) in transitions[node] {
                let c = Int(child)
                var f = Int(failure[node])
                while f != 0, transitions[f][s] == nil { f = Int(failure[f]) }
                let target = node == 0 ? 0 : Int(transitions[f][s] ?? 0)
                failure[c] = Int32(target == c ? 0 : target)
                outputs[c] += outputs[Int(failure[c])]
                queue.append(c)
            }
        }
    }

    /// Gaps never run across these (after folding): sentence and clause punctuation, line breaks.
    @inline(__always)
    static func isBarrier(_ s: UInt32) -> Bool {
        switch s {
        case 0x2C, 0x2E, 0x21, 0x3F, 0x3B, 0x3A, 0x0A, 0x0D, 0x3002, 0xFF61: true
        default: false
        }
    }

    /// Every match of every pattern in `text` (folded scalars), the longest per pattern and start.
    /// - Parameter boundaries: word boundaries for anchored patterns; nil accepts every position.
    public func matches(in text: [UInt32], boundaries: WordBoundaries? = nil) -> [PhraseMatch] {
        var best: [Int64: Int] = [:]   // (pattern, start) → end
        var node = 0
        for (i, s) in text.enumerated() {
            while node != 0, transitions[node][s] == nil { node = Int(failure[node]) }
            node = Int(transitions[node][s] ?? 0)
            if outputs[node].isEmpty { continue }
            for si in outputs[node] {
                let sp = spellings[Int(si)]
                let start = i + 1 - sp.firstLength
                if sp.anchoredStart, let b = boundaries, !b.contains(start) { continue }
                guard let end = complete(sp, segment: 0, at: i + 1, in: text, boundaries: boundaries) else { continue }
                let key = Int64(sp.pattern) << 32 | Int64(start)
                if let old = best[key], old >= end { continue }
                best[key] = end
            }
        }
        return best.map { PhraseMatch(pattern: Int($0.key >> 32), range: Int($0.key & 0xFFFF_FFFF)..<$0.value) }
            .sorted { ($0.range.lowerBound, $0.pattern, $0.range.upperBound) < ($1.range.lowerBound, $1.pattern, $1.range.upperBound) }
    }

    /// Matches the runs after `segment` from `position`, shortest gaps first; the end offset or nil.
    private func complete(_ sp: Spelling, segment k: Int, at position: Int, in text: [UInt32],
                          boundaries: WordBoundaries?) -> Int? {
        if k == sp.rest.count {
            if sp.anchoredEnd, let b = boundaries, !b.contains(position) { return nil }
            return position
        }
        let run = sp.rest[k]
        var start = position
        let last = min(position + sp.gaps[k], text.count - run.count)
        while start <= last {
            if text[start] == run[0] {
                var ok = true
                for j in 1..<run.count where text[start + j] != run[j] { ok = false; break }
                if ok, let end = complete(sp, segment: k + 1, at: start + run.count, in: text, boundaries: boundaries) {
                    return end
                }
            }
            if Self.isBarrier(text[start]) { return nil }
            start += 1
        }
        return nil
    }
}
