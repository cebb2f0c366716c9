import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiAggregates
import TuiweiScoring

@Suite struct OrderStatisticsTests {
    @Test func selectionMatchesSorting() {
        var rng = SplitMix64(seed: 11)
        for trial in 0..<600 {
            let count = trial < 40 ? trial % 20 + 1 : Int.random(in: 1...3000, using: &rng)
            // Few distinct values in some trials, so that duplicates straddle the ranks.
            let spread = [2, 5, 50, 1_000_000][trial % 4]
            let values = (0..<count).map { _ in Double(Int.random(in: 0..<spread, using: &rng)) / 7 }
            let sorted = values.sorted()
            let ranks = (0..<Int.random(in: 1...5, using: &rng)).map { _ in Int.random(in: 0..<count, using: &rng) }
            var work = values
            #expect(orderStatistics(&work, at: ranks) == ranks.map { sorted[$0] })
            #expect(work.sorted() == sorted)
        }
    }

    @Test func sortedReversedAndConstantInputs() {
        let n = 2000
        let ascending: [Double] = (0..<n).map { Double($0) }
        let inputs: [[Double]] = [ascending, ascending.reversed(), Array(repeating: 3.5, count: n),
                                  ascending.map { $0.truncatingRemainder(dividingBy: 2) },
                                  ascending.map { ($0 * 7919).truncatingRemainder(dividingBy: 13) }]
        for values in inputs {
            let sorted = values.sorted()
            let ranks = [0, 49, 50, 1949, 1950, n - 1]
            var work = values
            #expect(orderStatistics(&work, at: ranks) == ranks.map { sorted[$0] })
        }
    }

    /// The interval as computed before selection replaced the sort: the same draws, a full sort.
    private func sortedBootstrap(_ values: [Double], samples: Int, level: Double, seed: UInt64, key: String) -> MeanInterval {
        let v = values.sorted(), n = v.count
        let mean = v.reduce(0, +) / Double(n)
        var rng = SplitMix64(seed: seed ^ stableHash(key))
        var means: [Double] = []
        for _ in 0..<samples {
            var sum = 0.0
            for _ in 0..<n { sum += v[Int(truncatingIfNeeded: ((rng.next() >> 32) &* UInt64(n)) >> 32)] }
            means.append(sum / Double(n))
        }
        means.sort()
        let alpha = (1 - level) / 2
        func quantile(_ q: Double) -> Double {
            let pos = q * Double(means.count - 1)
            let lo = Int(pos.rounded(.down)), hi = min(lo + 1, means.count - 1)
            return means[lo] + (means[hi] - means[lo]) * (pos - Double(lo))
        }
        return MeanInterval(mean: mean, low: quantile(alpha), high: quantile(1 - alpha), count: n)
    }

    @Test func bootstrapGivesTheSortedQuantiles() throws {
        var rng = SplitMix64(seed: 5)
        for trial in 0..<60 {
            let n = Int.random(in: 2...60, using: &rng)
            let values = (0..<n).map { _ in Double(Int.random(in: 0...1000, using: &rng)) / 10 }
            let level = [0.95, 0.9, 0.5, 1, 0][trial % 5]
            let samples = [2000, 1, 2, 3, 999][trial % 5]
            let got = try #require(MeanInterval.bootstrap(values, samples: samples, level: level, seed: 7, key: "k\(trial)"))
            let want = sortedBootstrap(values, samples: samples, level: level, seed: 7, key: "k\(trial)")
            #expect(got.low == want.low && got.high == want.high)
        }
    }
}
