import Testing
import TuiweiTestSupport
@testable import TuiweiAggregates
import TuiweiScoring

@Suite struct BootstrapTests {
    @Test func deterministicOrderIndependentAndAroundTheMean() throws {
        let values: [Double] = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
        let a = try #require(MeanInterval.bootstrap(values, samples: 2000, level: 0.95, seed: 7, key: "x"))
        let b = try #require(MeanInterval.bootstrap(values.reversed(), samples: 2000, level: 0.95, seed: 7, key: "x"))
        #expect(a == b)
        #expect(a.mean == 55)
        #expect(a.low < 55 && a.high > 55)
        // Standard error of the mean ≈ 9.1 here, so a 95 % interval spans roughly ±18.
        #expect(a.low > 30 && a.high < 80)
        // Another seed draws other samples (values with fractions, so quantiles do not coincide by rounding).
        let uneven = values.enumerated().map { $0.element + Double($0.offset * $0.offset) / 7 }
        let seven = try #require(MeanInterval.bootstrap(uneven, samples: 2000, level: 0.95, seed: 7, key: "x"))
        let eight = try #require(MeanInterval.bootstrap(uneven, samples: 2000, level: 0.95, seed: 8, key: "x"))
        #expect(seven != eight)
    }

    @Test func singleValueAndEmpty() {
        #expect(MeanInterval.bootstrap([], samples: 10, level: 0.95, seed: 1, key: "k") == nil)
        #expect(MeanInterval.bootstrap([42], samples: 10, level: 0.95, seed: 1, key: "k") == MeanInterval(mean: 42, low: 42, high: 42, count: 1))
    }

    @Test func largeGroupsUseTheNormalApproximation() throws {
        #expect(abs(inverseNormal(0.975) - 1.959963985) < 1e-6)
        #expect(abs(inverseNormal(0.005) + 2.575829304) < 1e-6)
        let values = (0..<1000).map { Double($0 % 101) }
        let exact = try #require(MeanInterval.bootstrap(values, samples: 4000, level: 0.95, seed: 5, key: "k"))
        let approx = try #require(MeanInterval.bootstrap(values, samples: 4000, level: 0.95, seed: 5, key: "k", maxDraws: 1000))
        #expect(approx.mean == exact.mean)
        #expect(abs(approx.low - exact.low) < 0.3 && abs(approx.high - exact.high) < 0.3)
    }

    @Test func narrowerWithMoreData() throws {
        let few = try #require(MeanInterval.bootstrap([0, 100, 0, 100], samples: 1000, level: 0.9, seed: 3, key: "k"))
        let many = try #require(MeanInterval.bootstrap(Array(repeating: [0.0, 100], count: 50).flatMap { $0 }, samples: 1000, level: 0.9, seed: 3, key: "k"))
        #expect(many.high - many.low < few.high - few.low)
    }
}
