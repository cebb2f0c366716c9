import Foundation
import TuiweiCore

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

/// Every aggregate of a run, computed from a `CorpusAnalysis` by a pure function.
public struct CorpusSummary: Sendable, Hashable, Codable {
    public let analysis: CorpusAnalysis
    /// Officials ranked from least to most responsive (mean score, then name).
    public let officials: [OfficialSummary]
    public let calls: [CallSummary]
    public let organisations: [OrganisationSummary]
    public let overall: ScoreStatistics
    /// Minimum scores of grades 1, 2 and 3, for charts.
    public let gradeThresholds: [Double]

    /// Computes every aggregate; duplicated calls are listed but counted once.
    public init(_ analysis: CorpusAnalysis, resources: ScoringResources) {
        self.analysis = analysis
        let w = resources.weights
        gradeThresholds = [w["grade.1"], w["grade.2"], w["grade.3"]]
        let copies = analysis.duplicateCalls
        let counted = analysis.answers.filter { copies["\($0.score.document)#\($0.score.call)"] == nil }
        var callSizes: [String: Int] = [:]
        for c in analysis.calls { callSizes["\(c.document)#\(c.call)"] = c.officialTurns }
        let n = max(1, Int(w["boilerplate.n"]))
        let top = w.values["boilerplate.top"].map { Int($0) } ?? 5

        var byOfficial: [OfficialKey: [ScoredAnswer]] = [:]
        for a in counted { byOfficial[a.official, default: []].append(a) }
        officials = byOfficial.map { key, answers in
            var orientation = OrientationCounts()
            for a in answers { orientation.add(a.orientation) }
            return OfficialSummary(
                official: key, labels: Array(Set(answers.map(\.speaker))).sorted(),
                statistics: .of(answers, callSizes: callSizes, weights: w, key: "official:\(key)"),
                orientation: OrientationProfile(counts: orientation),
                boilerplate: .of(answers, reference: analysis.referenceNgrams, n: n, top: top, stopWords: resources.stopWords))
        }.sorted { a, b in
            let ma = a.statistics.mean?.mean ?? .infinity, mb = b.statistics.mean?.mean ?? .infinity
            return ma != mb ? ma < mb : a.official < b.official
        }

        var byCall: [String: [ScoredAnswer]] = [:]
        for a in analysis.answers { byCall["\(a.score.document)#\(a.score.call)", default: []].append(a) }
        calls = analysis.calls.map { entry in
            let key = "\(entry.document)#\(entry.call)"
            let answers = byCall[key] ?? []
            return CallSummary(
                entry: entry, duplicateOf: copies[key],
                statistics: .of(answers, callSizes: callSizes, weights: w, key: "call:\(key)"),
                series: answers.map { .init(officialTurn: $0.score.officialTurn, score: $0.score.score, grade: $0.score.grade) },
                quotes: tellingQuotes(answers, count: 3))
        }

        var byOrganisation: [String: [ScoredAnswer]] = [:]
        for a in counted { byOrganisation[a.official.organisation, default: []].append(a) }
        organisations = byOrganisation.map { org, answers in
            OrganisationSummary(organisation: org, officials: Set(answers.map(\.official)).count,
                                statistics: .of(answers, callSizes: callSizes, weights: w, key: "organisation:\(org)"))
        }.sorted { $0.organisation < $1.organisation }
        overall = .of(counted, callSizes: callSizes, weights: w, key: "corpus")
    }
}

/// The deflections that cost their answers most, one per code where possible, each quoted with
/// the clause around it.
func tellingQuotes(_ answers: [ScoredAnswer], count: Int) -> [Quote] {
    var candidates: [(points: Double, quote: Quote)] = []
    for a in answers where a.score.grade != nil {
        for d in a.score.detections where d.code.kind == .deflection {
            let points = a.score.contributions.first { $0.feature == "deflection.\(d.code.rawValue)" && $0.detail.contains(d.text) }?.points ?? 0
            candidates.append((points - (100 - a.score.score) / 100,
                               // An event (a hang-up) has no words in the turn: quote the event itself.
                               Quote(text: d.range.isEmpty ? d.text : clause(around: d.range, in: a.text), evidence: d.text,
                                     code: d.code, location: d.location, score: a.score.score)))
        }
    }
    candidates.sort { ($0.points, $0.quote.location) < ($1.points, $1.quote.location) }
    var out: [Quote] = []
    var codes: Set<Code> = []
    for c in candidates where out.count < count && !out.contains(where: { $0.text == c.quote.text }) && codes.insert(c.quote.code).inserted {
        out.append(c.quote)
    }
    for c in candidates where out.count < count && !out.contains(where: { $0.text == c.quote.text }) { out.append(c.quote) }
    return out
}

/// The sentence-like stretch of `text` that holds `range`, bounded by 。！？；, at most ~60 scalars.
func clause(around range: Range<Int>, in text: String) -> String {
    let s = Array(text.unicodeScalars)
    guard !s.isEmpty else { return "" }
    let lo = min(max(range.lowerBound, 0), s.count), hi = min(max(range.upperBound, lo), s.count)
    let stops: Set<UInt32> = [0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0x0A]
    var start = lo
    while start > 0, !stops.contains(s[start - 1].value), lo - start < 30 { start -= 1 }
    var end = hi
    while end < s.count, !stops.contains(s[end].value), end - hi < 30 { end += 1 }
    if end < s.count, stops.contains(s[end].value) { end += 1 }
    var out = String(String.UnicodeScalarView(s[start..<end]))
    if start > 0, !stops.contains(s[start - 1].value) { out = "…" + out }
    if end < s.count, !stops.contains(s[end - 1].value) { out += "…" }
    return out.trimmingCharacters(in: .whitespaces)
}
