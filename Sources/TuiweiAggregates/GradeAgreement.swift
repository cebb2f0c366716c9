/// How well predicted grades agree with human gold grades on the 0–3 scale.
public struct GradeAgreement: Sendable, Hashable, Codable {
    /// Pairs where both sides give a grade.
    public let count: Int
    /// Quadratic-weighted Cohen's kappa (1 = perfect, 0 = chance).
    public let quadraticKappa: Double
    /// Spearman rank correlation with average ranks for ties.
    public let spearman: Double
    /// Share of pairs with the same grade.
    public let exact: Double
    /// Share of pairs at most one grade apart.
    public let withinOne: Double
    /// `confusion[gold][predicted]` counts.
    public let confusion: [[Int]]
    /// Turns one side grades and the other leaves ungraded.
    public let gradedMismatch: Int

    /// The figures under the keys `tuiwei eval --json` reports them with.
    public var jsonFields: [(key: String, value: Double)] {
        [("grade_qwk", quadraticKappa), ("grade_spearman", spearman), ("grade_exact", exact), ("grade_within_one", withinOne)]
    }

    /// The confusion matrix as text: one row per gold grade, one column per predicted grade.
    public var confusionTable: String {
        var out = "gold\\pred     0     1     2     3\n"
        for (g, row) in confusion.enumerated() {
            out += "       \(g)" + row.map { String(repeating: " ", count: max(1, 6 - String($0).count)) + String($0) }.joined() + "\n"
        }
        return out
    }

    /// Compares gold and predicted grades turn by turn (nil = ungraded).
    public static func compute(gold: [Int?], predicted: [Int?], levels: Int = 4) -> GradeAgreement {
        precondition(gold.count == predicted.count, "gold and predicted grades must pair up")
        var pairs: [(Int, Int)] = []
        var mismatch = 0
        for (g, p) in zip(gold, predicted) {
            switch (g, p) {
            case let (g?, p?): pairs.append((min(max(g, 0), levels - 1), min(max(p, 0), levels - 1)))
            case (nil, nil): break
            default: mismatch += 1
            }
        }
        var confusion = Array(repeating: Array(repeating: 0, count: levels), count: levels)
        for (g, p) in pairs { confusion[g][p] += 1 }
        let n = pairs.count
        let exact = n == 0 ? 0 : Double(pairs.filter { $0.0 == $0.1 }.count) / Double(n)
        let within = n == 0 ? 0 : Double(pairs.filter { abs($0.0 - $0.1) <= 1 }.count) / Double(n)
        return GradeAgreement(count: n, quadraticKappa: quadraticWeightedKappa(confusion),
                              spearman: spearman(pairs.map { Double($0.0) }, pairs.map { Double($0.1) }),
                              exact: exact, withinOne: within, confusion: confusion, gradedMismatch: mismatch)
    }

    /// κ = 1 − Σ w·O / Σ w·E with w = (i−j)²/(k−1)²; 1 when both raters use one identical grade only.
    public static func quadraticWeightedKappa(_ confusion: [[Int]]) -> Double {
        let k = confusion.count
        let n = Double(confusion.joined().reduce(0, +))
        guard k > 1, n > 0 else { return 0 }
        let rows = confusion.map { Double($0.reduce(0, +)) }
        let cols = (0..<k).map { j in Double(confusion.reduce(0) { $0 + $1[j] }) }
        var observed = 0.0, expected = 0.0
        for i in 0..<k {
            for j in 0..<k {
                let weight = Double((i - j) * (i - j)) / Double((k - 1) * (k - 1))
                observed += weight * Double(confusion[i][j])
                expected += weight * rows[i] * cols[j] / n
            }
        }
        if expected == 0 { return observed == 0 ? 1 : 0 }
        return 1 - observed / expected
    }

    /// Spearman's ρ: Pearson correlation of average ranks; 0 when either side is constant.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count, x.count > 1 else { return 0 }
        return pearson(ranks(x), ranks(y))
    }

    static func ranks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] }
        var out = Array(repeating: 0.0, count: v.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, v[order[j + 1]] == v[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { out[order[k]] = rank }
            i = j + 1
        }
        return out
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return 0 }
        return sxy / (sxx * syy).squareRoot()
    }
}
