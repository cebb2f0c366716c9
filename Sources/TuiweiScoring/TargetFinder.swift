import TuiweiCore

/// The body or person one detection points to, with the words that name it and why they were taken.
public struct ReferralTarget: Sendable, Hashable, Codable {
    /// Where the naming words stand relative to the detection.
    public enum Basis: String, Sendable, Hashable, Codable {
        /// Inside the detected words (`给领导汇报`).
        case inside
        /// After them, in the same sentence (`你得问一下组织部`).
        case after
        /// Before them, in the same sentence (`…指挥部，有办公室，他们那边可能更清楚`).
        case before
        /// No body is named in the sentence: the target is recorded as unnamed.
        case none
    }

    /// Name under which a target that names no body is counted.
    public static let unnamedBody = "(unnamed)"

    /// Index of the detection in `AnswerScore.detections`.
    public let detection: Int
    public let code: Code
    /// The naming words as written in the turn (either script); empty when unnamed.
    public let text: String
    /// The normalised body (simplified script, one name for its spellings).
    public let body: String
    /// Kind id from the bodies table.
    public let kind: String
    /// Scalar offsets of `text` in the turn; the detection's own range when unnamed.
    public let range: Range<Int>
    /// Original line and column of `text` (of the detection, when unnamed).
    public let location: SourceLocation
    public let basis: Basis
    /// The bodies-table row that matched (the `kind` row, when unnamed).
    public let rule: RuleReference

    public init(detection: Int, code: Code, text: String, body: String, kind: String, range: Range<Int>,
                location: SourceLocation, basis: Basis, rule: RuleReference) {
        self.detection = detection
        self.code = code
        self.text = text
        self.body = body
        self.kind = kind
        self.range = range
        self.location = location
        self.basis = basis
        self.rule = rule
    }
}

/// Finds, for each followed detection of a turn, the bodies it points to.
///
/// The rule, in order: bodies named inside the detected words; else the first one named after
/// them in the same sentence (at most `reachAfter` characters on); else the nearest one before
/// them in the same sentence (at most `reachBefore` characters back); else an unnamed target.
/// Codes followed `named` take only the first step. A body that is the official's own
/// organisation or department (its name ends with the term: `区总工会` in `巴南区总工会`) is the
/// official speaking of themselves, not a target.
public struct TargetFinder: Sendable {
    public let table: BodyTable
    /// The table's terms in table order (the parser leaves no duplicates, so a match's term
    /// index is the row of `table.terms`).
    private let matcher: PhraseMatcher
    private let unnamedRule: RuleReference?

    /// How far after the detection, in characters, a body still counts as what it points to.
    public static let reachAfter = 24
    /// How far before it.
    public static let reachBefore = 30

    public init(table: BodyTable) {
        self.table = table
        matcher = PhraseMatcher(terms: table.terms.map(\.text))
        unnamedRule = table.kind(BodyTable.unnamedKind)?.rule
    }

    /// The targets of `detections` in a turn.
    /// - Parameters:
    ///   - folded: the turn's scalars, full-width and script folded (`ScoringResources.folded`).
    ///   - scalars: the turn's scalars as written, for the quoted words.
    ///   - map: the turn's source map, for line and column.
    ///   - own: the official's organisation and department, as written.
    public func targets(folded: [UInt32], scalars: [Unicode.Scalar], map: SourceMap, detections: [Detection],
                        own: [String], fold: (String) -> [UInt32]) -> [ReferralTarget] {
        guard !table.follow.isEmpty, detections.contains(where: { table.follow[$0.code] != nil }) else { return [] }
        let ownNames = own.map(fold).filter { !$0.isEmpty }
        let found = matcher.matches(in: folded).filter { m in
            let term = folded[m.range]
            return !ownNames.contains { $0.count >= term.count && $0.suffix(term.count).elementsEqual(term) }
        }
        var out: [ReferralTarget] = []
        for (i, d) in detections.enumerated() {
            guard let how = table.follow[d.code], !d.range.isEmpty else { continue }
            func target(_ m: (term: Int, range: Range<Int>), _ basis: ReferralTarget.Basis) -> ReferralTarget {
                let t = table.terms[m.term]
                return ReferralTarget(detection: i, code: d.code, text: String(String.UnicodeScalarView(scalars[m.range])),
                                      body: t.name, kind: t.kind, range: m.range, location: map.location(at: m.range.lowerBound),
                                      basis: basis, rule: t.rule)
            }
            let inside = found.filter { $0.range.overlaps(d.range) }
            if !inside.isEmpty {
                out += inside.map { target($0, .inside) }
                continue
            }
            if how == .named { continue }
            let start = sentenceStart(folded, before: d.range.lowerBound), end = sentenceEnd(folded, after: d.range.upperBound)
            if let m = found.first(where: { $0.range.lowerBound >= d.range.upperBound && $0.range.upperBound <= end
                                            && $0.range.lowerBound - d.range.upperBound <= Self.reachAfter }) {
                out.append(target(m, .after))
            } else if let m = found.last(where: { $0.range.upperBound <= d.range.lowerBound && $0.range.lowerBound >= start
                                                  && d.range.lowerBound - $0.range.upperBound <= Self.reachBefore }) {
                out.append(target(m, .before))
            } else if let rule = unnamedRule {
                out.append(ReferralTarget(detection: i, code: d.code, text: "", body: ReferralTarget.unnamedBody,
                                          kind: BodyTable.unnamedKind, range: d.range, location: d.location, basis: .none, rule: rule))
            }
        }
        return out
    }

    private func sentenceStart(_ s: [UInt32], before i: Int) -> Int {
        var j = min(i, s.count)
        while j > 0, !TextNormaliser.isSentenceEnd(s[j - 1]) { j -= 1 }
        return j
    }

    private func sentenceEnd(_ s: [UInt32], after i: Int) -> Int {
        var j = max(0, i)
        while j < s.count, !TextNormaliser.isSentenceEnd(s[j]) { j += 1 }
        return j
    }
}
