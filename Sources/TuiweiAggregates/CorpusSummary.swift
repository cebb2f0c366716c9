import Foundation
import TuiweiCore
import TuiweiScoring

/// One official's row of the ranking.
public struct OfficialSummary: Sendable, Hashable, Codable {
    public let official: OfficialKey
    /// Speaker labels the official appears under.
    public let labels: [String]
    public let statistics: ScoreStatistics
    public let orientation: OrientationProfile
    public let boilerplate: BoilerplateProfile
}

/// A quote that shows how a call went: the clause around a detection, with its code and place.
public struct Quote: Sendable, Hashable, Codable {
    /// The clause around the evidence.
    public let text: String
    /// The detected words, as they stand inside `text`.
    public let evidence: String
    public let code: Code
    /// Where the evidence starts in the original file.
    public let location: SourceLocation
    public let score: Double
    /// The caller's question the quoted answer answers, cut to its last asking sentence
    /// (`questionExcerpt`); empty when the answer follows no question.
    public let question: String
    /// 1-based position of the answer among its call's official turns, to link a quote to its answer.
    public let officialTurn: Int
    public let call: Int

    public init(text: String, evidence: String, code: Code, location: SourceLocation, score: Double,
                question: String = "", officialTurn: Int = 0, call: Int = 0) {
        self.text = text
        self.evidence = evidence
        self.code = code
        self.location = location
        self.score = score
        self.question = question
        self.officialTurn = officialTurn
        self.call = call
    }

    /// The quote of `answer`'s words `text` around `evidence`.
    public init(text: String, evidence: String, code: Code, location: SourceLocation, answer: ScoredAnswer) {
        self.init(text: text, evidence: evidence, code: code, location: location, score: answer.score.score,
                  question: questionExcerpt(answer.question), officialTurn: answer.score.officialTurn, call: answer.score.call)
    }
}

/// One call's profile.
public struct CallSummary: Sendable, Hashable, Codable {
    public let entry: CallEntry
    /// The call this one repeats, when it is a copy (left out of the aggregates).
    public let duplicateOf: DuplicateLink?
    public let statistics: ScoreStatistics
    /// Score of each official turn in order: (official turn, score, grade).
    public let series: [SeriesPoint]
    public let quotes: [Quote]

    public struct SeriesPoint: Sendable, Hashable, Codable {
        public let officialTurn: Int
        public let score: Double
        public let grade: Int?
    }
}

/// Totals of one organisation.
public struct OrganisationSummary: Sendable, Hashable, Codable {
    public let organisation: String
    public let officials: Int
    public let statistics: ScoreStatistics
}

/// How many of each there were in a run.
public struct RunTotals: Sendable, Hashable, Codable {
    public internal(set) var documents = 0
    public internal(set) var analysed = 0
    public internal(set) var calls = 0
    /// Calls that repeat another call (listed, left out of the aggregates).
    public internal(set) var duplicateCalls = 0
    /// Official turns, duplicates included.
    public internal(set) var answers = 0

    public var skipped: Int { documents - analysed }
}

/// Every aggregate of a run, with the first documents, calls and answers in corpus order for the
/// reports people read. Built by `SummaryBuilder` one document at a time, so its size does not
/// grow with the corpus; the files people load (answers.csv, analysis.jsonl) get every record
/// as it is produced.
public struct CorpusSummary: Sendable, Hashable {
    public let totals: RunTotals
    /// Officials ranked from least to most responsive (mean score, then name).
    public let officials: [OfficialSummary]
    /// The first `SummaryBuilder.Limits.calls` calls, in corpus order.
    public let calls: [CallSummary]
    public let organisations: [OrganisationSummary]
    public let overall: ScoreStatistics
    /// Minimum scores of grades 1, 2 and 3, for charts.
    public let gradeThresholds: [Double]
    /// The first `SummaryBuilder.Limits.documents` documents, in corpus order.
    public let documents: [DocumentEntry]
    /// Every document that could not be analysed.
    public let skipped: [DocumentEntry]
    /// The first `SummaryBuilder.Limits.answers` answers, in corpus order.
    public let answers: [ScoredAnswer]
    /// Calls that repeat another, keyed `document#call`.
    public let duplicates: [CallID: DuplicateLink]
    /// Where the buck goes: the bodies officials and organisations point to.
    public let referrals: ReferralMap
    /// The confidence level of every interval (`bootstrap.level`), for the reports to print.
    public let intervalLevel: Double
    /// Each official as an answer names them → as the ranking shows them (names compared across
    /// scripts, shown as first written).
    public let shownAs: [OfficialKey: OfficialKey]

    /// The official of the ranking that `answer` counts for.
    public func rankedOfficial(of answer: ScoredAnswer) -> OfficialKey { shownAs[answer.official] ?? answer.official }

    /// The documents a report lists: the first ones, then every skipped one not among them.
    public var listedDocuments: [DocumentEntry] {
        let shown = Set(documents.map(\.id))
        return documents + skipped.filter { !shown.contains($0.id) }
    }

    /// Documents a report does not list (all analysed); `analysis.jsonl` has them.
    public var unlistedDocuments: Int { totals.documents - listedDocuments.count }

    /// Every aggregate of an analysis held in memory; the same as building it document by document.
    public init(_ analysis: CorpusAnalysis, resources: ScoringResources, limits: SummaryBuilder.Limits = .init()) {
        let copies = analysis.duplicateCalls
        var builder = SummaryBuilder(resources: resources, duplicates: copies,
                                     referenceNgrams: analysis.referenceNgrams, limits: limits)
        for part in analysis.documentParts() {
            builder.add(SummaryBuilder.prepare(part, resources: resources, duplicates: copies,
                                               referenceNgrams: analysis.referenceNgrams))
        }
        self = builder.finish()
    }

    init(totals: RunTotals, officials: [OfficialSummary], calls: [CallSummary], organisations: [OrganisationSummary],
         overall: ScoreStatistics, gradeThresholds: [Double], documents: [DocumentEntry], skipped: [DocumentEntry],
         answers: [ScoredAnswer], duplicates: [CallID: DuplicateLink], referrals: ReferralMap = .empty,
         intervalLevel: Double = ScoringWeights.defaultIntervalLevel, shownAs: [OfficialKey: OfficialKey] = [:]) {
        self.totals = totals
        self.officials = officials
        self.calls = calls
        self.organisations = organisations
        self.overall = overall
        self.gradeThresholds = gradeThresholds
        self.documents = documents
        self.skipped = skipped
        self.answers = answers
        self.duplicates = duplicates
        self.referrals = referrals
        self.intervalLevel = intervalLevel
        self.shownAs = shownAs
    }
}

/// The deflections that cost their answers most, one per code where possible, each quoted with
/// the clause around it.
func tellingQuotes(_ answers: [ScoredAnswer], count: Int) -> [Quote] {
    // Candidates are ranked by points and place alone; a quote's clause is cut only when the
    // selection below looks at it, which for most candidates it never does.
    var candidates: [(points: Double, location: SourceLocation, answer: Int, detection: Int)] = []
    for (i, a) in answers.enumerated() where a.score.grade != nil {
        for (j, d) in a.score.detections.enumerated() where d.code.kind == .deflection {
            let feature = "deflection.\(d.code.rawValue)"
            let points = a.score.contributions.first { $0.feature == feature && detailQuotes($0.detail, d.text) }?.points ?? 0
            candidates.append((points - (100 - a.score.score) / 100, d.location, i, j))
        }
    }
    candidates.sort { ($0.points, $0.location) < ($1.points, $1.location) }
    var quotes = [Quote?](repeating: nil, count: candidates.count)
    func quote(_ c: Int) -> Quote {
        if let q = quotes[c] { return q }
        let a = answers[candidates[c].answer], d = a.score.detections[candidates[c].detection]
        // An event (a hang-up) has no words in the turn: quote the event itself.
        let q = Quote(text: d.range.isEmpty ? d.text : clause(around: d.range, in: a.text), evidence: d.text,
                      code: d.code, location: d.location, answer: a)
        quotes[c] = q
        return q
    }
    func code(_ c: Int) -> Code { answers[candidates[c].answer].score.detections[candidates[c].detection].code }
    var out: [Quote] = []
    var codes: Set<Code> = []
    // A code is taken only with a quote not yet shown, so testing the code first selects the same quotes.
    for c in candidates.indices where out.count < count && !codes.contains(code(c)) {
        let q = quote(c)
        if !out.contains(where: { $0.text == q.text }) {
            codes.insert(q.code)
            out.append(q)
        }
    }
    for c in candidates.indices where out.count < count {
        let q = quote(c)
        if !out.contains(where: { $0.text == q.text }) { out.append(q) }
    }
    return out
}

/// The part of a caller's `question` a report shows beside an answer: its last sentence that asks
/// (ends with ？ or ?), else its last sentence, cut to its last `questionExcerptLength` scalars
/// with a leading "…". Several caller turns of one exchange are joined by line breaks first.
public func questionExcerpt(_ question: String) -> String {
    let s = Array(question.unicodeScalars)
    func isEnd(_ v: UInt32) -> Bool { TextNormaliser.isSentenceEnd(v) }
    func isAsk(_ v: UInt32) -> Bool { v == 0xFF1F || v == 0x3F }
    var end = s.count
    while end > 0, TextNormaliser.isBlank(s[end - 1]) { end -= 1 }
    guard end > 0 else { return "" }
    // The last sentence that asks, when there is one.
    if let ask = s[..<end].lastIndex(where: { isAsk($0.value) }) { end = ask + 1 }
    var start = end - 1
    while start > 0, !isEnd(s[start - 1].value) { start -= 1 }
    // A run of marks (？？) belongs to the sentence before it.
    while start > 0, start < end, isEnd(s[start].value) { start += 1 }
    while start < end, TextNormaliser.isBlank(s[start]) { start += 1 }
    var piece = String(String.UnicodeScalarView(s[start..<end]))
    if end - start > questionExcerptLength {
        piece = "…" + String(String.UnicodeScalarView(s[(end - questionExcerptLength)..<end]))
    }
    return piece
}

/// Scalars of a question shown at most (`questionExcerpt`).
public let questionExcerptLength = 80

/// Whether a contribution's `detail` quotes the detected `text`.
///
/// The scorer's details open with the text between “ and ”; there it is found without a search.
/// A plain text (`UTF8Key.isPlain`: in NFC, combining with nothing) so placed is exactly what
/// Foundation's canonical-equivalence search would find, and any other case is left to it.
func detailQuotes(_ detail: String, _ text: String) -> Bool {
    if !text.isEmpty, UTF8Key.isPlain(text) {
        let open = "\u{201C}".utf8, close = "\u{201D}".utf8
        let rest = detail.utf8.dropFirst(open.count)
        if detail.utf8.starts(with: open), rest.starts(with: text.utf8), rest.dropFirst(text.utf8.count).starts(with: close) {
            return true
        }
    }
    return detail.contains(text)
}

/// The sentence-like stretch of `text` that holds `range`, bounded by 。！？；, at most ~60 scalars.
///
/// `range` counts Unicode scalars; the text is walked in place rather than copied out.
func clause(around range: Range<Int>, in text: String) -> String {
    let s = text.unicodeScalars
    guard !s.isEmpty else { return "" }
    func isStop(_ c: Unicode.Scalar) -> Bool { TextNormaliser.isSentenceEnd(c) }
    let lower = max(range.lowerBound, 0)
    let lo = s.index(s.startIndex, offsetBy: lower, limitedBy: s.endIndex) ?? s.endIndex
    let hi = s.index(lo, offsetBy: max(range.upperBound - lower, 0), limitedBy: s.endIndex) ?? s.endIndex
    var start = lo
    for _ in 0..<30 {
        guard start > s.startIndex else { break }
        let before = s.index(before: start)
        if isStop(s[before]) { break }
        start = before
    }
    var end = hi
    for _ in 0..<30 {
        guard end < s.endIndex, !isStop(s[end]) else { break }
        end = s.index(after: end)
    }
    if end < s.endIndex, isStop(s[end]) { end = s.index(after: end) }
    var out = String(s[start..<end])
    if start > s.startIndex, !isStop(s[s.index(before: start)]) { out = "…" + out }
    if end < s.endIndex, !isStop(s[s.index(before: end)]) { out += "…" }
    // Most clauses neither start nor end with anything that could be white space: nothing to trim.
    func surelyNotSpace(_ c: Unicode.Scalar?) -> Bool {
        guard let v = c?.value else { return false }
        switch v {
        case 0x21...0x7E, 0x2010...0x2027, 0x3001...0x303F, 0x4E00...0x9FFF, 0xFF01...0xFF5E: return true
        default: return false
        }
    }
    if surelyNotSpace(out.unicodeScalars.first), surelyNotSpace(out.unicodeScalars.last) { return out }
    return out.trimmingCharacters(in: .whitespaces)
}
