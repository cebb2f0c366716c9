import Foundation
import TuiweiCore
import TuiweiScoring

/// Count and rate of one deflection code in a group of answers. Two counts, always labelled
/// apart in the reports: `count` detections (a turn may hold several) and `turns` with the code.
public struct CodeCount: Sendable, Hashable, Codable {
    public let code: Code
    /// Detections of the code.
    public let count: Int
    /// Graded answers with at least one detection of the code (a turn with a deflection is always graded).
    public let turns: Int
    /// `turns` over graded answers.
    public let rate: Double
}

/// Why an official's place in the ranking is uncertain, marked beside it in the reports.
public enum RankingCaution: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fewer than `fewAnswers` graded answers.
    case fewAnswers = "few answers"
    /// An interval wider than `wideInterval` points.
    case wideInterval = "wide interval"

    /// Graded answers below which a mean is marked.
    public static let fewAnswersBelow = 10
    /// Interval width (points on the 0–100 scale) above which a mean is marked.
    public static let wideIntervalAbove = 30.0

    /// The cautions that apply to `s`, in declaration order.
    public static func of(_ s: ScoreStatistics) -> [RankingCaution] {
        var out: [RankingCaution] = []
        if s.graded < fewAnswersBelow { out.append(.fewAnswers) }
        if let m = s.mean, m.high - m.low > wideIntervalAbove { out.append(.wideInterval) }
        return out
    }
}

extension ScoringWeights {
    /// The level of bootstrap intervals when `bootstrap.level` is not set.
    public static let defaultIntervalLevel = 0.95

    /// `bootstrap.level`, or the default: the level every interval is computed and printed at.
    public var intervalLevel: Double { values["bootstrap.level"] ?? Self.defaultIntervalLevel }
}

/// Aggregate figures of a group of answers (an official, a call, an organisation, the corpus).
public struct ScoreStatistics: Sendable, Hashable, Codable {
    /// Official turns, graded or not.
    public let answers: Int
    public let graded: Int
    public let calls: Int
    /// Mean score of graded answers with its bootstrap interval; nil when nothing is graded.
    public let mean: MeanInterval?
    /// Graded answers at grade 0, 1, 2, 3.
    public let gradeCounts: [Int]
    /// Shares of `gradeCounts` (0 when nothing is graded).
    public let gradeShares: [Double]
    /// Deflection codes that occur, most frequent first.
    public let deflections: [CodeCount]
    /// Mean score of graded answers in the first and last third of their calls.
    public let firstThird: Double?
    public let lastThird: Double?
    public let hangUps: Int

    /// Share of graded answers at grade 0: the non-answers.
    public var nonAnswerShare: Double { gradeShares.first ?? 0 }
}

/// Running totals of a group of answers (an official, an organisation, the corpus), from which
/// its `ScoreStatistics` follow. Scores are kept as counts per distinct score (they are given to
/// a tenth), so a group takes the same memory however many answers it has, and the figures do
/// not depend on the order in which calls were added.
public struct ScoreTotals: Sendable, Hashable {
    public private(set) var answers = 0
    public private(set) var calls = 0
    public private(set) var graded = 0
    public private(set) var gradeCounts = [0, 0, 0, 0]
    public private(set) var hangUps = 0
    /// Graded scores in tenths → answers.
    private var scores: [Int: Int] = [:]
    private var codeCounts: [Code: Int] = [:]
    /// Graded answers with at least one detection of the code.
    private var answersWith: [Code: Int] = [:]
    /// Sums of graded scores in tenths, and counts, in the first and last third of their calls.
    private var firstSum = 0, firstCount = 0, lastSum = 0, lastCount = 0

    public init() {}

    /// Adds the answers one call gave (`officialTurns`: the call's number of official turns).
    public mutating func add(call answers: some Collection<ScoredAnswer>, officialTurns: Int) {
        guard !answers.isEmpty else { return }
        calls += 1
        for a in answers { add(a, officialTurns: officialTurns) }
    }

    private mutating func add(_ a: ScoredAnswer, officialTurns: Int) {
        answers += 1
        hangUps += a.hangUps
        var here: Set<Code> = []
        for d in a.score.detections where d.code.kind == .deflection {
            codeCounts[d.code, default: 0] += 1
            here.insert(d.code)
        }
        guard let grade = a.score.grade else { return }
        graded += 1
        gradeCounts[min(max(grade, 0), 3)] += 1
        for c in here { answersWith[c, default: 0] += 1 }
        let tenths = Int((a.score.score * 10).rounded())
        scores[tenths, default: 0] += 1
        let n = Double(max(1, officialTurns))
        if Double(a.score.officialTurn) <= n / 3 {
            firstSum += tenths
            firstCount += 1
        }
        if Double(a.score.officialTurn) > n * 2 / 3 {
            lastSum += tenths
            lastCount += 1
        }
    }

    /// The group's figures; `key` names the group, which seeds its bootstrap.
    public func statistics(weights: ScoringWeights, key: String) -> ScoreStatistics {
        let g = Double(graded)
        let deflections = codeCounts.map { c in
            let turns = answersWith[c.key] ?? 0
            return CodeCount(code: c.key, count: c.value, turns: turns, rate: g > 0 ? Double(turns) / g : 0)
        }
            .sorted { ($1.count, $0.code) < ($0.count, $1.code) }
        let samples = weights.values["bootstrap.samples"].map { Int($0) } ?? 2000
        let level = weights.intervalLevel
        let seed = UInt64(max(0, weights["bootstrap.seed"]))
        var values: [Double: Int] = [:]
        for (tenths, count) in scores { values[Double(tenths) / 10] = count }
        return ScoreStatistics(
            answers: answers, graded: graded, calls: calls,
            mean: MeanInterval.bootstrap(counts: values, samples: samples, level: level, seed: seed, key: key),
            gradeCounts: gradeCounts,
            gradeShares: gradeCounts.map { g > 0 ? Double($0) / g : 0 },
            deflections: deflections,
            firstThird: firstCount > 0 ? Double(firstSum) / 10 / Double(firstCount) : nil,
            lastThird: lastCount > 0 ? Double(lastSum) / 10 / Double(lastCount) : nil,
            hangUps: hangUps)
    }
}
