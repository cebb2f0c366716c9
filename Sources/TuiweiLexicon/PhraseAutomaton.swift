import TuiweiCore
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
/// Every literal of every pattern is a keyword of the automaton, so one pass over a text finds
/// them all; a pattern's later runs and gaps are then checked only where its first run was found,
/// against the occurrences the same pass recorded.
public struct PhraseAutomaton: Sendable {
    struct FormInfo: Sendable {
        let pattern: Int32
        let gaps: [Int]
        let anchoredStart: Bool
        let anchoredEnd: Bool
    }

    /// A place a literal is used: run `run` of form `form`.
    struct Use: Sendable {
        let form: Int32
        let run: Int32
        /// The form's pattern must start at a word boundary.
        let anchoredStart: Bool
    }

    /// Transitions from the root, indexed by BMP scalar (0 = none); the busiest lookups.
    private let rootTable: [Int32]
    /// Root transitions beyond the BMP.
    private let rootWide: [UInt32: Int32]
    /// Every other node's transitions, sorted by scalar: node `n`'s are at
    /// `edgeStart[n]..<edgeStart[n + 1]`. Nodes below the root have few children, and a short
    /// scan beats hashing the scalar.
    private let edgeStart: [Int32]
    private let edgeScalars: [UInt32]
    private let edgeTargets: [Int32]
    private let failure: [Int32]
    /// Literals ending at node `n`, including those reached through failure links:
    /// `outputIDs[outputStart[n]..<outputStart[n + 1]]`.
    private let outputStart: [Int32]
    private let outputIDs: [Int32]
    private let literalLengths: [Int]
    /// The uses of literal `l`: `uses[useStart[l]..<useStart[l + 1]]`.
    private let useStart: [Int32]
    private let uses: [Use]
    private let forms: [FormInfo]
    public let patternCount: Int

    /// Compiles `patterns`; their literals must already be folded (as `Pattern` does).
    public init(patterns: [Pattern]) {
        patternCount = patterns.count
        var transitions: [[UInt32: Int32]] = [[:]]
        var failure: [Int32] = [0]
        var outputs: [[Int32]] = [[]]
        var literalLengths: [Int] = []
        var uses: [[Use]] = []
        var forms: [FormInfo] = []
        var literalIDs: [[UInt32]: Int32] = [:]
        for (p, pattern) in patterns.enumerated() {
            for form in pattern.forms {
                let f = Int32(forms.count)
                forms.append(FormInfo(pattern: Int32(p), gaps: form.gaps,
                                      anchoredStart: pattern.anchoredStart, anchoredEnd: pattern.anchoredEnd))
                for (r, run) in form.runs.enumerated() {
                    for literal in run {
                        let id: Int32
                        if let known = literalIDs[literal] {
                            id = known
                        } else {
                            id = Int32(literalLengths.count)
                            literalIDs[literal] = id
                            literalLengths.append(literal.count)
                            uses.append([])
                            var node = 0
                            for s in literal {
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
                            outputs[node].append(id)
                        }
                        uses[Int(id)].append(Use(form: f, run: Int32(r), anchoredStart: pattern.anchoredStart))
                    }
                }
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
        var root = [Int32](repeating: 0, count: 0x10000)
        for (s, child) in transitions[0] where s < 0x10000 { root[Int(s)] = child }
        rootTable = root
        rootWide = transitions[0].filter { $0.key >= 0x10000 }
        var edgeStart: [Int32] = [0], edgeScalars: [UInt32] = [], edgeTargets: [Int32] = []
        var outputStart: [Int32] = [0], outputIDs: [Int32] = []
        for (node, edges) in transitions.enumerated() {
            if node != 0 {
                for (s, child) in edges.sorted(by: { $0.key < $1.key }) {
                    edgeScalars.append(s)
                    edgeTargets.append(child)
                }
            }
            edgeStart.append(Int32(edgeScalars.count))
            outputIDs += outputs[node]
            outputStart.append(Int32(outputIDs.count))
        }
        self.edgeStart = edgeStart
        self.edgeScalars = edgeScalars
        self.edgeTargets = edgeTargets
        self.outputStart = outputStart
        self.outputIDs = outputIDs
        self.failure = failure
        self.literalLengths = literalLengths
        self.useStart = uses.reduce(into: [Int32(0)]) { $0.append($0.last! + Int32($1.count)) }
        self.uses = uses.flatMap { $0 }
        self.forms = forms
    }

    /// Gaps never run across these (after folding): sentence and clause ends, and the Latin full
    /// stop, which ends sentences in mixed text.
    @inline(__always)
    static func isBarrier(_ s: UInt32) -> Bool {
        TextNormaliser.isClauseEnd(s) || s == 0x2E
    }

    @inline(__always)
    private func step(_ node: Int, _ s: UInt32) -> Int {
        var n = node
        while true {
            if n == 0 {
                if s < 0x10000 { return Int(rootTable[Int(s)]) }
                return Int(rootWide[s] ?? 0)
            }
            var e = Int(edgeStart[n])
            let end = Int(edgeStart[n + 1])
            while e < end, edgeScalars[e] < s { e += 1 }
            if e < end, edgeScalars[e] == s { return Int(edgeTargets[e]) }
            n = Int(failure[n])
        }
    }

    /// Every match of every pattern in `text` (folded scalars), the longest per pattern and start.
    /// - Parameter boundaries: word boundaries for anchored patterns; nil accepts every position.
    public func matches(in text: [UInt32], boundaries: WordBoundaries? = nil) -> [PhraseMatch] {
        // Starts and ends of first runs, and of later runs of forms whose first run was seen.
        var firsts: [(form: Int32, start: Int, end: Int)] = []
        // Keyed by form and run; kept in one array and sorted once, rather than hashed per match.
        var later: [(key: Int, start: Int, end: Int)] = []
        var started = [UInt64](repeating: 0, count: (forms.count + 63) / 64)
        var node = 0
        for (i, s) in text.enumerated() {
            node = step(node, s)
            let first = Int(outputStart[node]), last = Int(outputStart[node + 1])
            if first == last { continue }
            for literal in outputIDs[first..<last] {
                let start = i + 1 - literalLengths[Int(literal)]
                for use in uses[Int(useStart[Int(literal)])..<Int(useStart[Int(literal) + 1])] {
                    let f = Int(use.form)
                    if use.run == 0 {
                        if use.anchoredStart, let b = boundaries, !b.contains(start) { continue }
                        firsts.append((use.form, start, i + 1))
                        started[f >> 6] |= 1 << UInt64(f & 63)
                    } else if started[f >> 6] & (1 << UInt64(f & 63)) != 0 {
                        later.append((f << 8 | Int(use.run), start, i + 1))
                    }
                }
            }
        }
        if firsts.isEmpty { return [] }
        // By form and run; then nearest start first and, at one start, the longest literal first.
        later.sort { ($0.key, $0.start, -$0.end) < ($1.key, $1.start, -$1.end) }
        /// The occurrences of run `key`: a range of `later`.
        func occurrences(_ key: Int) -> Range<Int> {
            var lo = 0, hi = later.count
            while lo < hi { let mid = (lo + hi) / 2; if later[mid].key < key { lo = mid + 1 } else { hi = mid } }
            var end = lo
            while end < later.count, later[end].key == key { end += 1 }
            return lo..<end
        }
        var barriers = [Int](repeating: 0, count: text.count + 1)
        for (i, s) in text.enumerated() { barriers[i + 1] = barriers[i] + (Self.isBarrier(s) ? 1 : 0) }

        func complete(_ f: Int32, run k: Int, at position: Int) -> Int? {
            let form = forms[Int(f)]
            if k == form.gaps.count + 1 {
                if form.anchoredEnd, let b = boundaries, !b.contains(position) { return nil }
                return position
            }
            let limit = position + form.gaps[k - 1]
            for o in later[occurrences(Int(f) << 8 | k)] where o.start >= position {
                if o.start > limit { break }
                if barriers[o.start] != barriers[position] { break }
                if let end = complete(f, run: k + 1, at: o.end) { return end }
            }
            return nil
        }

        var best: [Int64: Int] = [:]   // (pattern, start) → end
        for first in firsts {
            guard let end = complete(first.form, run: 1, at: first.end) else { continue }
            let key = Int64(forms[Int(first.form)].pattern) << 32 | Int64(first.start)
            if let old = best[key], old >= end { continue }
            best[key] = end
        }
        return best.map { PhraseMatch(pattern: Int($0.key >> 32), range: Int($0.key & 0xFFFF_FFFF)..<$0.value) }
            .sorted { ($0.range.lowerBound, $0.pattern, $0.range.upperBound) < ($1.range.lowerBound, $1.pattern, $1.range.upperBound) }
    }
}
