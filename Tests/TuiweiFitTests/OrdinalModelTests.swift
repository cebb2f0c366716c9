import Foundation
import Testing
import TuiweiCore
@testable import TuiweiFit
import TuiweiScoring

@Suite struct OrdinalModelTests {
    /// Grades made by a known rule: one feature raises the grade, another lowers it.
    static func written() -> (x: [[Double]], y: [Int]) {
        var x: [[Double]] = [], y: [Int] = []
        for answer in 0...3 {
            for deflection in 0...3 {
                for _ in 0..<3 {
                    x.append([Double(answer), Double(deflection), 1])   // the third never matters
                    y.append(min(3, max(0, answer - deflection + 1)))
                }
            }
        }
        return (x, y)
    }

    @Test func recoversTheRuleThatMadeTheGrades() {
        let (x, y) = Self.written()
        let prior = OrdinalModel(weights: [0, 0, 0], cuts: [-1, 0, 1])
        let m = OrdinalModel.fit(x: x, y: y, levels: 4, prior: prior, options: .init(ridge: 0.01))
        #expect(m.weights[0] > 1 && m.weights[1] < -1)
        #expect(abs(m.weights[0] + m.weights[1]) < 0.1 * abs(m.weights[0]), "equal and opposite, as the rule has them")
        #expect(zip(m.cuts, m.cuts.dropFirst()).allSatisfy { $0 < $1 })
        let predicted = x.map(m.grade)
        #expect(predicted == y)
    }

    @Test func aStrongRidgeKeepsThePrior() {
        let (x, y) = Self.written()
        let prior = OrdinalModel(weights: [0.5, -0.5, 0.25], cuts: [-1, 0, 1])
        let m = OrdinalModel.fit(x: x, y: y, levels: 4, prior: prior, options: .init(ridge: 1e6))
        for (w, p) in zip(m.weights, prior.weights) { #expect(abs(w - p) < 1e-3) }
    }

    @Test func aFeatureTheDataNeverShowsKeepsItsPriorWeight() {
        let (x, y) = Self.written()
        let rows = x.map { $0 + [0] }
        let prior = OrdinalModel(weights: [0, 0, 0, -2], cuts: [-1, 0, 1])
        let m = OrdinalModel.fit(x: rows, y: y, levels: 4, prior: prior, options: .init(ridge: 1))
        #expect(abs(m.weights[3] + 2) < 1e-9)
    }

    @Test func fittingIsDeterministic() {
        let (x, y) = Self.written()
        let prior = OrdinalModel(weights: [0, 0, 0], cuts: [-1, 0, 1])
        #expect(OrdinalModel.fit(x: x, y: y, levels: 4, prior: prior) == OrdinalModel.fit(x: x, y: y, levels: 4, prior: prior))
    }

    @Test func fittedWeightsScoreAsTheModelGrades() throws {
        // A model over the weights file's features, written as a file, must give the same grades.
        var current: [String: Double] = ["grade.1": 15, "grade.2": 50, "grade.3": 70, "base": 50,
                                         "bootstrap.samples": 100, "bootstrap.level": 0.9, "bootstrap.seed": 1,
                                         "boilerplate.n": 2, "boilerplate.top": 5]
        for f in GradeFit.features { current[f] = 0 }
        let model = OrdinalModel(weights: GradeFit.features.enumerated().map { i, _ in Double(i % 5) - 2 }, cuts: [-1.5, 0.2, 2.5])
        let weights = GradeFit.weights(model, keeping: ScoringWeights(values: current))
        #expect(weights["grade.1"] == 20 && weights["grade.3"] == 80)
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let row = GradeFit.features.map { _ in Double(Int.random(in: 0...2, using: &rng)) }
            let points = weights["base"] + zip(GradeFit.features, row).reduce(0) { $0 + weights[$1.0] * $1.1 }
            let grade = weights.grade(for: min(100, max(0, points)))
            let expected = model.grade(row)
            // Rounding the written points to hundredths may move a score that sits on a threshold.
            if abs(model.score(row) - model.cuts.min(by: { abs($0 - model.score(row)) < abs($1 - model.score(row)) })!) > 0.01 {
                #expect(grade == expected)
            }
        }
        // The file it renders reads back to the same values.
        let text = GradeFit.render(weights, header: ["test"])
        let back = try ScoringWeights.parse(text, file: "fitted.tsv")
        for (k, v) in weights.values { #expect(abs(back[k] - v) < 0.006, "\(k)") }
    }
}
