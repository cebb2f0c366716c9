import Foundation
import TuiweiCore
import TuiweiScoring

/// The bridge between the scorer's weights file and the ordinal model: which features are fitted,
/// what each turn's feature values are, and how a fitted model is written back as `weights.tsv`.
///
/// Every fitted feature enters the score linearly when `deflection.others` is 1 and the repeat
/// factors are 0 (each code of a turn counts once, fully), with hedges counted up to 2 and content
/// words up to 8; a fitted file is written with those settings, so it scores exactly as fitted.
public enum GradeFit {
    /// The features whose points are fitted, in a fixed order.
    public static let features: [String] = Code.deflections.map { "deflection.\($0.rawValue)" }
        + ["answer.DIRECT", "answer.SPECIFIC", "answer.ACKNOWLEDGE", "answer.COMMIT",
           "hedge", "backchannel",
           "question.yesno.answered", "question.yesno.unanswered",
           "question.which.answered", "question.which.unanswered",
           "overlap", "content.per_word", "content.none",
           "event.hang-up", "event.refused-call-back", "event.voicemail"]

    /// Hedges and content words counted at most this many times in a fitted file.
    static let hedgeCap = 2.0
    static let contentCap = 8.0
    /// The score range the grade thresholds of a fitted file span.
    static let lowestThreshold = 20.0
    static let highestThreshold = 80.0

    /// Settings under which every feature's points are its value: the weights that make a
    /// turn's contributions its feature vector.
    public static func unitWeights(keeping current: ScoringWeights) -> ScoringWeights {
        var v = current.values
        for f in features { v[f] = 1 }
        v["base"] = 0
        v["deflection.others"] = 1
        v["deflection.repeat"] = 0
        v["answer.repeat"] = 0
        v["hedge.max"] = hedgeCap
        v["content.max"] = contentCap
        return ScoringWeights(values: v, source: "(unit weights for fitting)")
    }

    /// A turn's feature vector: its contributions under `unitWeights`, summed per feature.
    public static func row(_ contributions: [Contribution]) -> [Double] {
        var byFeature: [String: Double] = [:]
        for c in contributions { byFeature[c.feature, default: 0] += c.points }
        return features.map { byFeature[$0] ?? 0 }
    }

    /// Points per unit of the model's score under `current`: a quarter of the span of its grade
    /// thresholds, so that grade bands are about two units wide.
    static func scale(_ current: ScoringWeights) -> Double {
        let t = current.gradeThresholds
        let span = t.three - t.one
        return span > 0 ? span / 4 : 10
    }

    /// The weights in use as a model: the fit's starting point and the centre of its ridge.
    public static func prior(_ current: ScoringWeights) -> OrdinalModel {
        let tau = scale(current)
        let t = current.gradeThresholds
        let base = current["base"]
        return OrdinalModel(weights: features.map { current[$0] / tau },
                            cuts: [(t.one - base) / tau, (t.two - base) / tau, (t.three - base) / tau])
    }

    /// `model` as a weights file's values: scores stretched so the grade thresholds lie at 20 and
    /// 80 (the middle one where the model puts it), every other setting kept from `current`.
    public static func weights(_ model: OrdinalModel, keeping current: ScoringWeights) -> ScoringWeights {
        let span = model.cuts[model.cuts.count - 1] - model.cuts[0]
        let k = span > 1e-9 ? (highestThreshold - lowestThreshold) / span : 10
        let b = lowestThreshold - k * model.cuts[0]
        func points(_ x: Double) -> Double { (min(1000, max(-1000, x)) * 100).rounded() / 100 }
        var v = current.values
        for (f, w) in zip(features, model.weights) { v[f] = points(k * w) }
        v["base"] = points(b)
        v["deflection.others"] = 1
        v["deflection.repeat"] = 0
        v["answer.repeat"] = 0
        v["hedge.max"] = min(1000, abs(v["hedge"] ?? 0) * hedgeCap)
        v["content.max"] = min(1000, abs(v["content.per_word"] ?? 0) * contentCap)
        for (i, c) in model.cuts.enumerated() { v["grade.\(i + 1)"] = points(b + k * c) }
        return ScoringWeights(values: v, source: "(fitted)")
    }

    /// The text of a weights file for `weights`, with `header` lines as comments on top.
    public static func render(_ weights: ScoringWeights, header: [String]) -> String {
        func number(_ x: Double) -> String {
            if x.rounded() == x, abs(x) < 1e15 { return String(Int(x)) }
            return String(format: "%.2f", x).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
        }
        var out = header.map { "# " + $0 }.joined(separator: "\n") + "\n"
        let sections: [(String, [String])] = [
            ("Starting score of every official turn.", ["base"]),
            ("Deflections: points per code found in a turn, times the lexicon entry's weight. With\n# deflection.others 1 and deflection.repeat 0, each code of a turn counts once, fully.",
             Code.deflections.map { "deflection.\($0.rawValue)" } + ["deflection.others", "deflection.repeat"]),
            ("Signs of an answer, from the lexicons or from the question's kind.",
             ["answer.DIRECT", "answer.SPECIFIC", "answer.ACKNOWLEDGE", "answer.COMMIT", "answer.repeat"]),
            ("Modifiers: each hedge, all hedges of a turn together at most hedge.max.", ["hedge", "hedge.max", "backchannel"]),
            ("The kind of question against the kind of answer.",
             ["question.yesno.answered", "question.yesno.unanswered", "question.which.answered", "question.which.unanswered"]),
            ("Share (0–1) of the question's content words the answer takes up, times this.", ["overlap"]),
            ("Content words: points each, at most content.max in all.", ["content.per_word", "content.max", "content.none"]),
            ("Events after the turn, before the next answer.", ["event.hang-up", "event.refused-call-back", "event.voicemail"]),
            ("Grade thresholds: the minimum score of grades 1, 2 and 3.", ["grade.1", "grade.2", "grade.3"]),
            ("Aggregates (not fitted): bootstrap resamples, level and seed; boilerplate n-gram length and top phrases.",
             ["bootstrap.samples", "bootstrap.level", "bootstrap.seed", "boilerplate.n", "boilerplate.top"]),
        ]
        for (comment, names) in sections {
            out += "\n# " + comment + "\n"
            for n in names where weights.values[n] != nil { out += "\(n)\t\(number(weights[n]))\n" }
        }
        return out
    }
}
