import Foundation

/// A proportional-odds (ordinal logistic) model of a 0…K grade from a linear score:
/// `P(grade ≤ k) = σ(θ_k − w·x)`, with rising cut points `θ_0 < … < θ_{K−1}`.
///
/// Fitted by gradient descent with backtracking on the negative log-likelihood plus a ridge
/// penalty that pulls each weight towards a prior (the weights in use), so that a feature the
/// gold never shows keeps its prior value instead of dropping to zero. Deterministic: no random
/// start, no sampling.
public struct OrdinalModel: Sendable, Hashable {
    /// One weight per feature.
    public let weights: [Double]
    /// Rising cut points between grades 0|1, 1|2, …
    public let cuts: [Double]

    public init(weights: [Double], cuts: [Double]) {
        self.weights = weights
        self.cuts = cuts
    }

    /// `w·x`.
    public func score(_ x: [Double]) -> Double {
        var s = 0.0
        for (w, v) in zip(weights, x) { s += w * v }
        return s
    }

    /// The grade the score falls in: how many cut points it reaches.
    public func grade(_ x: [Double]) -> Int {
        let s = score(x)
        return cuts.filter { s >= $0 }.count
    }

    /// The settings of a fit.
    public struct Options: Sendable, Hashable {
        /// Strength of the pull towards the prior weights.
        public var ridge: Double
        public var iterations: Int
        /// Stop when an iteration lowers the objective by less than this.
        public var tolerance: Double

        public init(ridge: Double = 1, iterations: Int = 4000, tolerance: Double = 1e-10) {
            self.ridge = ridge
            self.iterations = iterations
            self.tolerance = tolerance
        }
    }

    /// Fits the model to rows `x` with grades `y` (0…levels−1).
    /// - Parameters:
    ///   - prior: the prior model; its weights are the ridge's centre and, with its cut points, the start.
    public static func fit(x: [[Double]], y: [Int], levels: Int, prior: OrdinalModel,
                           options: Options = Options()) -> OrdinalModel {
        let features = prior.weights.count
        precondition(x.allSatisfy { $0.count == features } && x.count == y.count && levels >= 2)
        // Cut points as a first cut and positive steps (log-parametrised), so they stay in order.
        var params = prior.weights
        var cuts = prior.cuts
        if cuts.count != levels - 1 { cuts = (0..<(levels - 1)).map { Double($0) - Double(levels - 2) / 2 } }
        params.append(cuts[0])
        for k in 1..<cuts.count { params.append(log(max(cuts[k] - cuts[k - 1], 1e-3))) }

        func unpack(_ p: [Double]) -> (w: ArraySlice<Double>, cuts: [Double]) {
            var c = [p[features]]
            for k in 1..<(levels - 1) { c.append(c[k - 1] + exp(p[features + k])) }
            return (p[0..<features], c)
        }
        func sigmoid(_ z: Double) -> Double { z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z)) }

        /// Objective and gradient.
        func evaluate(_ p: [Double]) -> (value: Double, gradient: [Double]) {
            let (w, c) = unpack(p)
            var value = 0.0
            var gW = [Double](repeating: 0, count: features)
            var gC = [Double](repeating: 0, count: levels - 1)
            for (row, grade) in zip(x, y) {
                var s = 0.0
                for j in 0..<features { s += w[w.startIndex + j] * row[j] }
                // P(y = k) = σ(c_k − s) − σ(c_{k−1} − s), with c_{−1} = −∞ and c_K = +∞.
                let upper = grade < levels - 1 ? sigmoid(c[grade] - s) : 1
                let lower = grade > 0 ? sigmoid(c[grade - 1] - s) : 0
                let prob = max(upper - lower, 1e-300)
                value -= log(prob)
                // d/dz σ(z) = σ(1 − σ).
                let dUpper = grade < levels - 1 ? upper * (1 - upper) : 0
                let dLower = grade > 0 ? lower * (1 - lower) : 0
                let dS = (dUpper - dLower) / prob      // −d(log prob)/ds
                for j in 0..<features { gW[j] += dS * row[j] }
                if grade < levels - 1 { gC[grade] -= dUpper / prob }
                if grade > 0 { gC[grade - 1] += dLower / prob }
            }
            for j in 0..<features {
                let d = w[w.startIndex + j] - prior.weights[j]
                value += options.ridge / 2 * d * d
                gW[j] += options.ridge * d
            }
            // Chain rule through the cut points' parametrisation: c_k = p_0 + Σ_{i≤k} exp(p_i).
            var gradient = gW
            var suffix = 0.0
            var gP = [Double](repeating: 0, count: levels - 1)
            for k in stride(from: levels - 2, through: 0, by: -1) {
                suffix += gC[k]
                gP[k] = k == 0 ? suffix : suffix * exp(p[features + k])
            }
            gradient += gP
            return (value, gradient)
        }

        var current = evaluate(params)
        var step = 1.0
        for _ in 0..<options.iterations {
            let g = current.gradient
            let norm2 = g.reduce(0) { $0 + $1 * $1 }
            if norm2 < 1e-18 { break }
            var accepted = false
            while step > 1e-12 {
                let trial = zip(params, g).map { $0 - step * $1 }
                let next = evaluate(trial)
                // Armijo condition: enough decrease for the step taken.
                if next.value <= current.value - 1e-4 * step * norm2 {
                    let gain = current.value - next.value
                    params = trial
                    current = next
                    accepted = true
                    step *= 2
                    if gain < options.tolerance { return OrdinalModel(weights: Array(unpack(params).w), cuts: unpack(params).cuts) }
                    break
                }
                step /= 2
            }
            if !accepted { break }
        }
        let (w, c) = unpack(params)
        return OrdinalModel(weights: Array(w), cuts: c)
    }
}
