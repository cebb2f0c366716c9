import TuiweiCore

/// Finds the lexicon's codes in officials' turns and applies the context rules.
///
/// Built once from a `Lexicon` and shared by every task: it is immutable and `Sendable`.
/// Context rules:
/// - only officials' turns are analysed;
/// - a match right after a `NEGATION` cue (`不是说`; at most the cue's weight in characters between,
///   same clause) is dropped;
/// - a match inside quotation marks, or in the scope of a `REPORTED` cue (`他们说`: to the end of
///   the clause, or of the sentence when the cue is followed by `：` or `，` or has `:sentence`)
///   is dropped;
/// - entry conditions `question`, `alone` and `start` are checked;
/// - of overlapping matches of one code, the longest is kept; a shorter match of another code lying
///   inside a longer one of the same kind is dropped, and so is an answer sign inside a deflection.
public struct Detector: Sendable {
    public let lexicon: Lexicon
    public let automaton: PhraseAutomaton

    /// Characters a turn may begin with before a `start` entry, and that `alone` entries ignore.
    static let fillers: Set<UInt32> = Set("嗯啊呃哦噢额唉诶欸喂哎呀嘛吧呢哈".unicodeScalars.map(\.value))

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.automaton = PhraseAutomaton(patterns: lexicon.entries.map(\.pattern))
    }

    /// A match of one entry before context rules: what `kwic` and the lint use.
    public struct Candidate: Sendable, Hashable {
        public let entry: Int
        public let range: Range<Int>
    }

    /// Raw matches of every entry in `text`, context rules not applied.
    public func candidates(in text: [UInt32], boundaries: WordBoundaries? = nil) -> [Candidate] {
        automaton.matches(in: text, boundaries: boundaries).map { Candidate(entry: $0.pattern, range: $0.range) }
    }

    /// The codes found in an official's turn; empty for the caller's and unknown speakers' turns.
    /// - Parameters:
    ///   - turn: the turn; offsets of the detections count its text's scalars.
    ///   - tokens: scalar ranges of the turn's words (from `Segmenter.tokens(in:)`), for anchored
    ///     patterns; nil lets anchors match anywhere.
    public func detect(in turn: Turn, tokens: [Range<Int>]? = nil) -> [Detection] {
        // Everyone who answers is read for deflections; only officials' answers are scored.
        guard turn.role == .official || turn.role == .respondent else { return [] }
        let scalars = Array(turn.text.unicodeScalars)
        let found = analyse(scalars: scalars, tokens: tokens)
        return found.map { c in
            let entry = lexicon.entries[c.entry]
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[c.range])
            return Detection(code: entry.category.code!, text: String(text), range: c.range,
                             location: turn.passage.map.location(at: c.range.lowerBound),
                             rule: entry.rule, weight: entry.weight)
        }
    }

    /// Codes given by what happens in a call (a hang-up, a refused call-back), matched by `:event`
    /// entries against the event's text and assigned to the last official turn before the event.
    ///
    /// Such a detection's `text` and `location` are the event's; its `range` is the empty range at
    /// the end of the turn, since the words are not in the turn.
    /// - Returns: pairs of turn index (in `call.turns`) and detection.
    public func eventDetections(in call: Call) -> [(turn: Int, detection: Detection)] {
        var out: [(Int, Detection)] = []
        for event in call.events {
            guard let turn = call.officialTurn(before: event) else { continue }
            let scalars = Array(event.passage.text.unicodeScalars)
            let folded = scalars.map { lexicon.normaliser.fold($0.value) }
            var seen = Set<Code>()
            for c in candidates(in: folded) {
                let entry = lexicon.entries[c.entry]
                guard entry.conditions.contains(.event), let code = entry.category.code, seen.insert(code).inserted else { continue }
                let end = turn.text.unicodeScalars.count
                out.append((turn.index, Detection(code: code, text: String(String.UnicodeScalarView(scalars[c.range])),
                                                  range: end..<end, location: event.passage.map.location(at: c.range.lowerBound),
                                                  rule: entry.rule, weight: entry.weight)))
            }
        }
        return out
    }

    /// The context-checked matches in `scalars`, ordered by position: codes only, cues removed.
    public func analyse(scalars: [Unicode.Scalar], tokens: [Range<Int>]? = nil) -> [Candidate] {
        let folded = scalars.map { lexicon.normaliser.fold($0.value) }
        let boundaries = tokens.map { WordBoundaries(tokens: $0, length: folded.count) }
        let raw = candidates(in: folded, boundaries: boundaries)
        if raw.isEmpty { return [] }
        let entries = lexicon.entries
        let context = TextContext(folded)

        var negations: [(range: Range<Int>, window: Int)] = []
        var reports: [(range: Range<Int>, scopeEnd: Int)] = []
        var codes: [Candidate] = []
        for c in raw {
            switch entries[c.entry].category {
            case .negation: negations.append((c.range, Int(entries[c.entry].weight)))
            case .reported:
                // "你说的…" names what the caller said; it does not open reported speech.
                let next = c.range.upperBound < folded.count ? folded[c.range.upperBound] : 0
                if next == 0x7684 /* 的 */ { continue }
                let wide = next == 0x3A || next == 0x2C || entries[c.entry].conditions.contains(.sentence)
                reports.append((c.range, wide ? context.sentenceEnd(after: c.range.upperBound)
                                              : context.clauseEnd(after: c.range.upperBound)))
            case .code: if !entries[c.entry].conditions.contains(.event) { codes.append(c) }
            }
        }

        var kept: [Candidate] = []
        for c in codes {
            let entry = entries[c.entry]
            let code = entry.category.code!
            let start = c.range.lowerBound
            if code.kind != .modifier || code == .hedge {
                if negations.contains(where: { n in
                    n.range.lowerBound < start && n.range.upperBound <= c.range.upperBound
                        && n.range.upperBound + n.window >= start
                        && !context.hasBarrier(n.range.upperBound..<max(n.range.upperBound, start))
                }) { continue }
            }
            if context.isQuoted(start) { continue }
            if reports.contains(where: { r in r.range.upperBound <= start && start < r.scopeEnd }) { continue }
            if entry.conditions.contains(.question), !context.isQuestion(at: start) { continue }
            if entry.conditions.contains(.start), start != context.contentStart { continue }
            kept.append(c)
        }

        // `alone` entries count only when their category's matches cover every content character.
        let aloneCategories = Set(kept.filter { entries[$0.entry].conditions.contains(.alone) }.map { entries[$0.entry].category.code! })
        if !aloneCategories.isEmpty {
            var rejected = Set<Code>()
            for code in aloneCategories {
                var covered = [Bool](repeating: false, count: folded.count)
                for c in kept where entries[c.entry].category.code == code {
                    for i in c.range { covered[i] = true }
                }
                for (i, s) in folded.enumerated() where !covered[i] && context.isContent(s) {
                    rejected.insert(code)
                    break
                }
            }
            kept.removeAll { entries[$0.entry].conditions.contains(.alone) && rejected.contains(entries[$0.entry].category.code!) }
        }

        // Longest match first, so that shorter overlapping ones can be dropped.
        kept.sort { a, b in
            let la = a.range.count, lb = b.range.count
            return la != lb ? la > lb : (a.range.lowerBound, a.entry) < (b.range.lowerBound, b.entry)
        }
        var accepted: [Candidate] = []
        for c in kept {
            let code = entries[c.entry].category.code!
            let overlapped = accepted.contains { a in
                let other = entries[a.entry].category.code!
                if other == code { return a.range.overlaps(c.range) }
                // A longer phrase settles what a shorter one inside it means, within one kind; a
                // deflection also overrides an answer sign inside it, never the reverse.
                guard code.kind == other.kind || (other.kind == .deflection && code.kind == .answer) else { return false }
                return c.range.count < a.range.count && a.range.lowerBound <= c.range.lowerBound
                    && c.range.upperBound <= a.range.upperBound
            }
            if !overlapped { accepted.append(c) }
        }
        return accepted.map { Candidate(entry: $0.entry, range: Self.widened($0.range, in: folded, tokens: tokens)) }
            .sorted { ($0.range.lowerBound, $0.entry) < ($1.range.lowerBound, $1.entry) }
    }

    /// A match's evidence made whole: a number it cuts is taken in full (29家, not 9家; 1,000多),
    /// and a word it cuts, up to `wordSlack` characters on either side, is taken in full.
    static func widened(_ range: Range<Int>, in folded: [UInt32], tokens: [Range<Int>]?) -> Range<Int> {
        guard !range.isEmpty else { return range }
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < folded.count && folded[i] >= 0x30 && folded[i] <= 0x39 }
        func isSeparator(_ i: Int) -> Bool { i >= 0 && i < folded.count && (folded[i] == 0x2E || folded[i] == 0x2C) }
        var lo = range.lowerBound, hi = range.upperBound
        if isDigit(lo) {
            while isDigit(lo - 1) || (isSeparator(lo - 1) && isDigit(lo - 2)) { lo -= 1 }
        }
        if isDigit(hi - 1) {
            while isDigit(hi) || (isSeparator(hi) && isDigit(hi + 1)) { hi += 1 }
        }
        if let tokens {
            if let t = tokens.first(where: { $0.lowerBound < lo && lo < $0.upperBound }), lo - t.lowerBound <= wordSlack {
                lo = t.lowerBound
            }
            if let t = tokens.first(where: { $0.lowerBound < hi && hi < $0.upperBound }), t.upperBound - hi <= wordSlack {
                hi = t.upperBound
            }
        }
        return lo..<hi
    }

    /// Most characters a match is widened by to cover a word it cuts.
    static let wordSlack = 2
}

/// Sentence, clause and quotation structure of one folded turn, for the context rules.
struct TextContext {
    let text: [UInt32]
    /// Offset of the first character that is neither a filler, punctuation nor space.
    let contentStart: Int
    private let quoted: [Bool]

    init(_ text: [UInt32]) {
        self.text = text
        var start = 0
        while start < text.count, Detector.fillers.contains(text[start]) || !Self.isWordCharacter(text[start]) {
            start += 1
        }
        self.contentStart = start
        var quoted = [Bool](repeating: false, count: text.count)
        var depth = 0
        var straight = false
        for (i, s) in text.enumerated() {
            switch s {
            case 0x201C, 0x300C, 0x300E, 0x2018: depth += 1   // “ 「 『 ‘
            case 0x201D, 0x300D, 0x300F, 0x2019: depth = max(0, depth - 1)
            case 0x22: straight.toggle()
            default: quoted[i] = depth > 0 || straight
            }
        }
        self.quoted = quoted
    }

    static func isWordCharacter(_ s: UInt32) -> Bool {
        guard let u = Unicode.Scalar(s) else { return false }
        return u.properties.isAlphabetic || u.properties.numericType != nil
    }

    func isContent(_ s: UInt32) -> Bool {
        Self.isWordCharacter(s) && !Detector.fillers.contains(s)
    }

    func isQuoted(_ i: Int) -> Bool { i < quoted.count && quoted[i] }

    func sentenceEnd(after i: Int) -> Int {
        var j = i
        while j < text.count, !TextNormaliser.isSentenceEnd(text[j]) { j += 1 }
        return j
    }

    func clauseEnd(after i: Int) -> Int {
        var j = i
        while j < text.count, !TextNormaliser.isClauseEnd(text[j]) { j += 1 }
        return j
    }

    func hasBarrier(_ r: Range<Int>) -> Bool {
        r.contains { PhraseAutomaton.isBarrier(text[$0]) }
    }

    /// Whether the sentence holding offset `i` asks something: it ends with a question mark, or
    /// with a question particle (吗, 么) at the end of the turn.
    func isQuestion(at i: Int) -> Bool {
        var j = sentenceEnd(after: i)
        if j < text.count { return text[j] == 0x3F }
        // No closing mark: look at the last word character.
        j = text.count - 1
        while j >= 0, !Self.isWordCharacter(text[j]) { j -= 1 }
        return j >= 0 && (text[j] == 0x5417 || text[j] == 0x4E48)
    }
}
