import TuiweiCore
import TuiweiFit
import TuiweiAggregates
import TuiweiScoring

/// One gold-graded official turn as the grade model sees it.
public struct GradeFitRow: Sendable, Hashable {
    public let document: String
    public let features: [Double]
    public let gold: Int
    /// Whether the scorer grades the turn at all (greetings and bare backchannels it does not).
    public let graded: Bool
}

/// What `tuiwei fit` found: the weights fitted on every document, and how well grades fitted
/// without a document predict that document's.
public struct GradeFitReport: Sendable {
    public let weights: ScoringWeights
    public let model: OrdinalModel
    /// Leave one document out: each document graded by weights fitted on the others.
    public let crossValidated: GradeAgreement
    /// Graded by the weights fitted on everything (an optimistic figure).
    public let training: GradeAgreement
    /// Graded by the weights the fit started from.
    public let before: GradeAgreement
    /// Gold-graded turns per document.
    public let documents: [(document: String, turns: Int)]
    public let ridge: Double
}

extension AnalysisEngine {
    /// The feature vector of every aligned gold turn with a grade, scored through the same path
    /// as `analyze` with unit weights.
    public func gradeFitRows(_ alignment: GoldAlignment) -> [GradeFitRow] {
        let unit = AnswerScorer(resources: scoring.with(weights: GradeFit.unitWeights(keeping: scoring.weights)))
        let scores = self.scores(of: alignment, scorer: unit)
        var rows: [GradeFitRow] = []
        for a in alignment.aligned {
            guard let grade = a.record.grade, let score = scores[a.place] else { continue }
            rows.append(GradeFitRow(document: a.document.id, features: GradeFit.row(score.contributions),
                                    gold: grade, graded: score.grade != nil))
        }
        return rows
    }

    /// Fits the grade weights to `alignment`'s gold grades and cross-validates them by document.
    public func fitGrades(_ alignment: GoldAlignment, ridge: Double = 1) -> GradeFitReport {
        let rows = gradeFitRows(alignment)
        let prior = GradeFit.prior(scoring.weights)
        let options = OrdinalModel.Options(ridge: ridge)
        func fit(_ subset: [GradeFitRow]) -> OrdinalModel {
            let used = subset.filter(\.graded)
            guard !used.isEmpty else { return prior }
            return OrdinalModel.fit(x: used.map(\.features), y: used.map(\.gold), levels: 4, prior: prior, options: options)
        }
        func predictions(_ model: OrdinalModel, _ subset: [GradeFitRow]) -> [Int?] {
            subset.map { $0.graded ? model.grade($0.features) : nil }
        }
        let model = fit(rows)
        var documents: [String] = []
        for r in rows where !documents.contains(r.document) { documents.append(r.document) }
        var gold: [Int?] = [], held: [Int?] = []
        for d in documents {
            let out = rows.filter { $0.document == d }
            gold += out.map(\.gold)
            held += predictions(fit(rows.filter { $0.document != d }), out)
        }
        return GradeFitReport(
            weights: GradeFit.weights(model, keeping: scoring.weights), model: model,
            crossValidated: GradeAgreement.compute(gold: gold, predicted: held),
            training: GradeAgreement.compute(gold: rows.map(\.gold), predicted: predictions(model, rows)),
            before: GradeAgreement.compute(gold: rows.map(\.gold), predicted: predictions(prior, rows)),
            documents: documents.map { d in (d, rows.filter { $0.document == d }.count) },
            ridge: ridge)
    }
}
