import Foundation
import TuiweiCore

/// Count and rate of one deflection code in a group of answers.
public struct CodeCount: Sendable, Hashable, Codable {
    public let code: Code
    public let count: Int
    /// Graded answers with at least one detection of the code, over graded answers.
    public let rate: Double
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

    /// Figures of `answers`; `callSizes` gives each call's number of official turns ("doc#call").
    public static func of(_ answers: [ScoredAnswer], callSizes: [String: Int], weights: ScoringWeights, key: String) -> ScoreStatistics {
        let graded = answers.filter { $0.score.grade != nil }
        var gradeCounts = [0, 0, 0, 0]
        for a in graded { gradeCounts[min(max(a.score.grade!, 0), 3)] += 1 }
        let g = Double(graded.count)
        var counts: [Code: Int] = [:]
        var answersWith: [Code: Int] = [:]
        for a in answers {
            var here: Set<Code> = []
            for d in a.score.detections where d.code.kind == .deflection {
                counts[d.code, default: 0] += 1
                here.insert(d.code)
            }
            if a.score.grade != nil { for c in here { answersWith[c, default: 0] += 1 } }
        }
        let deflections = counts.map { CodeCount(code: $0.key, count: $0.value, rate: g > 0 ? Double(answersWith[$0.key] ?? 0) / g : 0) }
            .sorted { ($1.count, $0.code) < ($0.count, $1.code) }
        func mean(_ xs: [ScoredAnswer]) -> Double? {
            xs.isEmpty ? nil : xs.reduce(0) { $0 + $1.score.score } / Double(xs.count)
        }
        let first = graded.filter { a in
            let n = callSizes["\(a.score.document)#\(a.score.call)"] ?? 1
            return Double(a.score.officialTurn) <= Double(n) / 3
        }
        let last = graded.filter { a in
            let n = callSizes["\(a.score.document)#\(a.score.call)"] ?? 1
            return Double(a.score.officialTurn) > Double(n) * 2 / 3
        }
        let samples = weights.values["bootstrap.samples"].map { Int($0) } ?? 2000
        let level = weights.values["bootstrap.level"] ?? 0.95
        let seed = UInt64(max(0, weights["bootstrap.seed"]))
        return ScoreStatistics(
            answers: answers.count, graded: graded.count,
            calls: Set(answers.map { "\($0.score.document)#\($0.score.call)" }).count,
            mean: MeanInterval.bootstrap(graded.map(\.score.score), samples: samples, level: level, seed: seed, key: key),
            gradeCounts: gradeCounts,
            gradeShares: gradeCounts.map { g > 0 ? Double($0) / g : 0 },
            deflections: deflections, firstThird: mean(first), lastThird: mean(last),
            hangUps: answers.reduce(0) { $0 + $1.hangUps })
    }
}
