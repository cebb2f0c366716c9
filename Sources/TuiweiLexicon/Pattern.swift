import TuiweiCore

/// A lexicon pattern: literal text with alternatives, optional parts, bounded gaps and
/// word-boundary anchors.
///
/// Syntax (see `lexicons/README.md`):
/// - `不太清楚` — literal text (matched after script, width and case folding);
/// - `(你|您)得问` — alternatives; groups nest;
/// - `具体的?` and `(我们)?不清楚` — `?` makes the preceding character or group optional;
/// - `不是…部门`, `不是...部门` — a gap of up to 6 characters; `…{10}` allows up to 10. A gap never
///   crosses punctuation;
/// - `<对>` — `<` at the start and `>` at the end tie the match to word boundaries;
/// - `不@know` — a named word class (`WordClasses`), defined once in a lexicon file, stands for
///   every spelling of its definition;
/// - `\(` — a backslash takes the next character literally.
///
/// Limits: at most `maximumLength` characters, groups nested at most `maximumDepth` deep (word
/// classes count with their own nesting), at most `maximumExpansions` spellings. Compiling is
/// linear in the pattern's length.
public struct Pattern: Sendable, Hashable {
    /// One way the pattern can be spelled: literal runs separated by gaps of at most `gaps[i]` characters.
    public struct Expansion: Sendable, Hashable {
        public let segments: [[UInt32]]
        public let gaps: [Int]

        /// Whether the expansion is plain text without gaps.
        public var isLiteral: Bool { gaps.isEmpty }
        public var minimumLength: Int { segments.reduce(0) { $0 + $1.count } }
    }

    /// The pattern in the shape the automaton matches: runs of alternative literals separated by
    /// gaps. A pattern whose gaps all stand at the top level (`(a|b)…(c|d)`) is one form whose runs
    /// hold every literal of their part, so alternatives do not multiply; otherwise every spelling is
    /// a form of its own.
    public struct Form: Sendable, Hashable {
        /// For each run, the literals that may stand there.
        public let runs: [[[UInt32]]]
        /// Largest gap after run `i`.
        public let gaps: [Int]
    }

    /// The pattern as written.
    public let source: String
    /// What the automaton matches.
    public let forms: [Form]
    /// Every spelling, with literals already folded.
    public let expansions: [Expansion]
    public let anchoredStart: Bool
    public let anchoredEnd: Bool

    /// Default upper bound of a gap written without `{N}`.
    public static let defaultGap = 6
    /// Largest gap a pattern may ask for.
    public static let maximumGap = 40
    /// Largest number of spellings one pattern may expand to.
    public static let maximumExpansions = 8192
    /// Longest pattern, in characters, as written.
    public static let maximumLength = 2000
    /// Deepest nesting of groups, counting the groups inside the word classes a pattern uses.
    public static let maximumDepth = 24

    /// The word classes the pattern names, without the `@`.
    public let classesUsed: Set<String>

    /// What is wrong with a pattern, with the 1-based character position where it was noticed.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public let position: Int
        public let message: String
        public var description: String { "pattern character \(position): \(message)" }
    }

    /// Parses and expands `source`, folding its literals with `folder`.
    /// - Throws: `SyntaxError` for unbalanced groups, misplaced operators, empty or over-large patterns.
    public init(_ source: String, normaliser: TextNormaliser = TextNormaliser(), classes: WordClasses = .none) throws(SyntaxError) {
        self.source = source
        let scalars = Array(source.unicodeScalars)
        if scalars.count > Self.maximumLength {
            throw SyntaxError(position: Self.maximumLength + 1,
                              message: "the pattern is \(scalars.count) characters long, more than the limit of \(Self.maximumLength); split it into several entries or define a word class")
        }
        var parser = PatternParser(scalars: scalars, classes: classes.nodes)
        let (node, anchoredStart, anchoredEnd) = try parser.parseTop()
        self.anchoredStart = anchoredStart
        self.anchoredEnd = anchoredEnd
        self.classesUsed = parser.used
        // A pattern whose gaps stand at its top level compiles to one form of runs, without
        // listing its spellings, so word classes can be combined freely; every other pattern is
        // listed spelling by spelling, within `maximumExpansions`.
        let form = Self.topLevelForm(node, normaliser: normaliser)
        let raw: [[Piece]]
        do {
            raw = try Self.expand(node)
        } catch {
            guard let form else { throw error }
            self.expansions = []
            self.forms = [form]
            return
        }
        var seen = Set<Expansion>()
        var result: [Expansion] = []
        for pieces in raw {
            var segments: [[UInt32]] = []
            var gaps: [Int] = []
            var current: [UInt32] = []
            var pendingGap: Int?
            for piece in pieces {
                switch piece {
                case .literal(let s):
                    if let g = pendingGap {
                        if current.isEmpty {
                            throw SyntaxError(position: 1, message: "a pattern cannot start with a gap (…); begin with the text that must be there")
                        }
                        segments.append(current)
                        gaps.append(g)
                        current = []
                        pendingGap = nil
                    }
                    current.append(normaliser.fold(s))
                case .gap(let n):
                    pendingGap = (pendingGap ?? 0) + n
                }
            }
            if pendingGap != nil {
                throw SyntaxError(position: source.unicodeScalars.count, message: "a pattern cannot end with a gap (…); end with the text that must be there")
            }
            if current.isEmpty {
                if segments.isEmpty {
                    throw SyntaxError(position: 1, message: "the pattern can match empty text; make at least one character required")
                }
            } else {
                segments.append(current)
            }
            let e = Expansion(segments: segments, gaps: gaps)
            if seen.insert(e).inserted { result.append(e) }
        }
        self.expansions = result
        self.forms = form.map { [$0] } ?? result.map { Form(runs: $0.segments.map { [$0] }, gaps: $0.gaps) }
    }

    /// Whether the pattern's spellings were listed (`expansions`); a pattern with more than
    /// `maximumExpansions` is matched through its form alone.
    public var isEnumerated: Bool { !expansions.isEmpty }

    /// Most literals one run of a form holds before it is cut into adjacent runs.
    static let runLiteralLimit = 512

    /// The single form of a pattern whose gaps all stand at its top level, or nil.
    private static func topLevelForm(_ node: PatternNode, normaliser: TextNormaliser) -> Form? {
        let items: [PatternNode]
        if case .sequence(let xs) = node { items = xs } else { items = [node] }
        var groups: [[PatternNode]] = [[]]
        var gaps: [Int] = []
        for item in items {
            if case .gap(let n) = item {
                if groups[groups.count - 1].isEmpty {
                    guard !gaps.isEmpty else { return nil }
                    gaps[gaps.count - 1] += n
                } else {
                    gaps.append(n)
                    groups.append([])
                }
            } else {
                if item.containsGap { return nil }
                groups[groups.count - 1].append(item)
            }
        }
        var runs: [[[UInt32]]] = []
        var runGaps: [Int] = []
        for (k, g) in groups.enumerated() {
            guard !g.isEmpty else { return nil }
            // A part whose spellings would multiply past the limit is cut into runs that must
            // follow each other directly (a gap of 0); each cut piece must hold a character.
            var pieces: [[PatternNode]] = [[]]
            var product = 1
            for item in g {
                let n = item.spellingCount
                if product * n > runLiteralLimit, !pieces[pieces.count - 1].isEmpty,
                   !PatternNode.sequence(pieces[pieces.count - 1]).canBeEmpty {
                    pieces.append([item])
                    product = n
                } else {
                    pieces[pieces.count - 1].append(item)
                    product = min(product * n, Int(Int32.max))
                }
            }
            // A last piece that can be empty goes back into the one before it.
            if pieces.count > 1, PatternNode.sequence(pieces[pieces.count - 1]).canBeEmpty {
                let tail = pieces.removeLast()
                pieces[pieces.count - 1] += tail
            }
            for (j, piece) in pieces.enumerated() {
                guard let spelled = try? expand(.sequence(piece)) else { return nil }
                var literals: [[UInt32]] = []
                var seen = Set<[UInt32]>()
                for p in spelled {
                    let literal: [UInt32] = p.compactMap { if case .literal(let s) = $0 { normaliser.fold(s) } else { nil } }
                    if literal.isEmpty { return nil }
                    if seen.insert(literal).inserted { literals.append(literal) }
                }
                runs.append(literals)
                if j < pieces.count - 1 { runGaps.append(0) }
            }
            if k < gaps.count { runGaps.append(gaps[k]) }
        }
        guard runs.count == runGaps.count + 1, runs.count <= 255 else { return nil }
        return Form(runs: runs, gaps: runGaps)
    }

    private enum Piece { case literal(UInt32), gap(Int) }

    private static func expand(_ node: PatternNode) throws(SyntaxError) -> [[Piece]] {
        switch node {
        case .literal(let s): return [[.literal(s)]]
        case .gap(let n): return [[.gap(n)]]
        case .sequence(let items):
            var acc: [[Piece]] = [[]]
            for item in items {
                let parts = try expand(item)
                if acc.count * parts.count > maximumExpansions {
                    throw SyntaxError(position: 1, message: "the pattern has more than \(maximumExpansions) spellings; split it into several entries")
                }
                if parts.count == 1 {
                    // Appending in place keeps a long literal linear, not quadratic, to compile.
                    for k in acc.indices { acc[k].append(contentsOf: parts[0]) }
                } else {
                    acc = acc.flatMap { a in parts.map { a + $0 } }
                }
            }
            return acc
        case .alternatives(let options):
            var out: [[Piece]] = []
            for o in options { out += try expand(o) }
            if out.count > maximumExpansions {
                throw SyntaxError(position: 1, message: "the pattern has more than \(maximumExpansions) spellings; split it into several entries")
            }
            return out
        case .optional(let inner):
            return [[]] + (try expand(inner))
        }
    }
}

indirect enum PatternNode: Sendable {
    case literal(UInt32)
    case gap(Int)
    case sequence([PatternNode])
    case alternatives([PatternNode])
    case optional(PatternNode)

    var containsGap: Bool {
        switch self {
        case .literal: false
        case .gap: true
        case .sequence(let xs), .alternatives(let xs): xs.contains { $0.containsGap }
        case .optional(let x): x.containsGap
        }
    }

    /// How many spellings the node has (capped, to avoid overflow).
    var spellingCount: Int {
        switch self {
        case .literal, .gap: 1
        case .sequence(let xs): xs.reduce(1) { min($0 * $1.spellingCount, 1 << 40) }
        case .alternatives(let xs): xs.reduce(0) { min($0 + $1.spellingCount, 1 << 40) }
        case .optional(let x): min(x.spellingCount + 1, 1 << 40)
        }
    }

    /// Whether some spelling of the node is empty.
    var canBeEmpty: Bool {
        switch self {
        case .literal, .gap: false
        case .sequence(let xs): xs.allSatisfy(\.canBeEmpty)
        case .alternatives(let xs): xs.contains { $0.canBeEmpty }
        case .optional: true
        }
    }

    /// How deeply groups nest inside the node.
    var height: Int {
        switch self {
        case .literal, .gap: 0
        case .sequence(let xs): xs.map(\.height).max() ?? 0
        case .alternatives(let xs): 1 + (xs.map(\.height).max() ?? 0)
        case .optional(let x): 1 + x.height
        }
    }
}

struct PatternParser {
    let scalars: [Unicode.Scalar]
    var i = 0
    /// Word classes the pattern may name, already parsed.
    let classes: [String: PatternNode]
    /// Classes named so far.
    var used: Set<String> = []

    init(scalars: [Unicode.Scalar], classes: [String: PatternNode] = [:]) {
        self.scalars = scalars
        self.classes = classes
    }

    /// Characters a word-class name is made of.
    static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
    }

    typealias SyntaxError = Pattern.SyntaxError

    mutating func parseTop() throws(SyntaxError) -> (PatternNode, Bool, Bool) {
        var end = scalars.count
        var anchoredStart = false
        var anchoredEnd = false
        if end > 0, scalars[0] == "<" { anchoredStart = true; i = 1 }
        if end > i, scalars[end - 1] == ">", !(end >= 2 && scalars[end - 2] == "\\") { anchoredEnd = true; end -= 1 }
        if i >= end { throw SyntaxError(position: 1, message: "the pattern is empty") }
        let node = try parseAlternatives(until: end, depth: 0)
        if i < end {
            throw SyntaxError(position: i + 1, message: "unmatched ')'; remove it or add '(' before it")
        }
        return (node, anchoredStart, anchoredEnd)
    }

    mutating func parseAlternatives(until end: Int, depth: Int) throws(SyntaxError) -> PatternNode {
        if depth > Pattern.maximumDepth {
            throw SyntaxError(position: i, message: "groups nest more than \(Pattern.maximumDepth) deep; flatten the pattern or split it into several entries")
        }
        var options: [PatternNode] = [try parseSequence(until: end, depth: depth)]
        while i < end, scalars[i] == "|" {
            i += 1
            options.append(try parseSequence(until: end, depth: depth))
        }
        return options.count == 1 ? options[0] : .alternatives(options)
    }

    mutating func parseSequence(until end: Int, depth: Int) throws(SyntaxError) -> PatternNode {
        var items: [PatternNode] = []
        let start = i
        while i < end {
            let c = scalars[i]
            switch c {
            case "|", ")":
                if items.isEmpty {
                    throw SyntaxError(position: i + 1, message: "empty alternative before '\(c)'; write (a|b)? for an optional choice")
                }
                return items.count == 1 ? items[0] : .sequence(items)
            case "(":
                let open = i
                i += 1
                let inner = try parseAlternatives(until: end, depth: depth + 1)
                guard i < end, scalars[i] == ")" else {
                    throw SyntaxError(position: open + 1, message: "'(' is never closed; add ')'")
                }
                i += 1
                items.append(inner)
            case "?":
                guard let last = items.popLast() else {
                    throw SyntaxError(position: i + 1, message: "'?' must follow a character or a group")
                }
                if case .gap = last {
                    throw SyntaxError(position: i + 1, message: "a gap is already optional; remove the '?'")
                }
                if case .optional = last {
                    throw SyntaxError(position: i + 1, message: "'??' — one '?' is enough")
                }
                items.append(.optional(last))
                i += 1
            case "…", ".":
                if c == "." {
                    guard i + 2 < end, scalars[i + 1] == ".", scalars[i + 2] == "." else {
                        throw SyntaxError(position: i + 1, message: "'.' alone is not an operator; write ... or … for a gap, or \\. for a full stop")
                    }
                    i += 3
                } else {
                    i += 1
                    // "……" (a doubled ellipsis) is one gap.
                    if i < end, scalars[i] == "…" { i += 1 }
                }
                var n = Pattern.defaultGap
                if i < end, scalars[i] == "{" {
                    let open = i
                    i += 1
                    var digits = ""
                    while i < end, scalars[i] != "}" { digits.unicodeScalars.append(scalars[i]); i += 1 }
                    guard i < end else { throw SyntaxError(position: open + 1, message: "'{' is never closed; write …{N}") }
                    i += 1
                    guard let v = Int(digits), v >= 1, v <= Pattern.maximumGap else {
                        throw SyntaxError(position: open + 2, message: "a gap takes a whole number from 1 to \(Pattern.maximumGap), not '\(digits)'")
                    }
                    n = v
                }
                items.append(.gap(n))
            case "<", ">":
                throw SyntaxError(position: i + 1, message: "'\(c)' anchors only at the very start ('<') or end ('>') of a pattern; write \\\(c) for the character")
            case "{", "}":
                throw SyntaxError(position: i + 1, message: "'\(c)' belongs after a gap, as …{N}; write \\\(c) for the character")
            case "@":
                let at = i
                i += 1
                var name = ""
                while i < end, Self.isNameScalar(scalars[i]) { name.unicodeScalars.append(scalars[i]); i += 1 }
                guard !name.isEmpty else {
                    throw SyntaxError(position: at + 1, message: "'@' names a word class (@know); write \\@ for the character")
                }
                guard let node = classes[name] else {
                    let known = classes.keys.sorted()
                    let hint = known.isEmpty ? "no word classes are defined" : "defined: " + known.map { "@" + $0 }.joined(separator: " ")
                    throw SyntaxError(position: at + 1, message: "unknown word class '@\(name)' (\(hint)); define it with a line '@\(name)<TAB>(…|…)' in a lexicon file such as classes.tsv")
                }
                if depth + 1 + node.height > Pattern.maximumDepth {
                    throw SyntaxError(position: at + 1, message: "word class '@\(name)' nests groups more than \(Pattern.maximumDepth) deep here; flatten it")
                }
                used.insert(name)
                items.append(.alternatives([node]))
            case "\\":
                guard i + 1 < scalars.count else {
                    throw SyntaxError(position: i + 1, message: "a backslash at the end escapes nothing")
                }
                items.append(.literal(scalars[i + 1].value))
                i += 2
            case "\t", "\n", "\r":
                throw SyntaxError(position: i + 1, message: "tabs and line breaks cannot be part of a pattern")
            default:
                items.append(.literal(c.value))
                i += 1
            }
        }
        if items.isEmpty {
            throw SyntaxError(position: max(start, 1), message: "empty pattern or group")
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }
}
