import Foundation
import TuiweiCore
import TuiweiScoring

/// FNV-1a of a string's UTF-8 bytes: a stable seed per group, independent of processing order.
public func stableHash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
    }
    return h
}

/// A mean with its percentile bootstrap confidence interval.
public struct MeanInterval: Sendable, Hashable, Codable {
    public let mean: Double
    public let low: Double
    public let high: Double
    public let count: Int

    public init(mean: Double, low: Double, high: Double, count: Int) {
        self.mean = mean
        self.low = low
        self.high = high
        self.count = count
    }

    /// Percentile bootstrap of the mean of `values`.
    ///
    /// The values are sorted first and the generator is seeded from `seed` and `key`, so the
    /// interval depends only on the multiset of values and the group — not on the order in which
    /// shards delivered them.
    ///
    /// When `values.count × samples` exceeds `maxDraws` (very large groups), the interval is the
    /// normal approximation mean ± z·s/√n that the bootstrap converges to, so whole-corpus totals
    /// stay fast.
    public static func bootstrap(_ values: [Double], samples: Int, level: Double, seed: UInt64, key: String,
                                 maxDraws: Int = 20_000_000) -> MeanInterval? {
        var counts: [Double: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        return bootstrap(counts: counts, samples: samples, level: level, seed: seed, key: key, maxDraws: maxDraws)
    }

    /// The bootstrap of the multiset `counts` (value → occurrences): a group of any size is kept
    /// as its distinct values, and the values are only spelled out when they are resampled.
    public static func bootstrap(counts: [Double: Int], samples: Int, level: Double, seed: UInt64, key: String,
                                 maxDraws: Int = 20_000_000) -> MeanInterval? {
        let distinct = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        let n = distinct.reduce(0) { $0 + $1.value }
        guard n > 0 else { return nil }
        let mean = distinct.reduce(0) { $0 + $1.key * Double($1.value) } / Double(n)
        guard n > 1, samples > 0 else { return MeanInterval(mean: mean, low: mean, high: mean, count: n) }
        let clampedLevel = min(max(level, 0), 1)
        if n.multipliedReportingOverflow(by: samples).overflow || n * samples > maxDraws {
            let variance = distinct.reduce(0) { $0 + Double($1.value) * ($1.key - mean) * ($1.key - mean) } / Double(n - 1)
            let half = inverseNormal(0.5 + clampedLevel / 2) * (variance / Double(n)).squareRoot()
            return MeanInterval(mean: mean, low: mean - half, high: mean + half, count: n)
        }
        var v: [Double] = []
        v.reserveCapacity(n)
        for (value, count) in distinct { v.append(contentsOf: repeatElement(value, count: count)) }
        var means = v.withUnsafeBufferPointer { v in
            [Double](unsafeUninitializedCapacity: samples) { out, initialized in
                var rng = SplitMix64(seed: seed ^ stableHash(key))
                let count = UInt64(n)
                var s = 0
                while s < samples {
                    var sum = 0.0
                    var k = 0
                    // A draw in 0..<n by multiplying the top 32 random bits: no division in this loop.
                    while k < n {
                        sum += v[Int(truncatingIfNeeded: ((rng.next() >> 32) &* count) >> 32)]
                        k += 1
                    }
                    out[s] = sum / Double(n)
                    s += 1
                }
                initialized = samples
            }
        }
        // Linear interpolation between the order statistics around q·(count − 1); only those four
        // means are needed, so they are selected rather than sorted into place.
        let alpha = (1 - clampedLevel) / 2
        func bracket(_ q: Double) -> (lo: Int, hi: Int, pos: Double) {
            let pos = q * Double(means.count - 1)
            let lo = Int(pos.rounded(.down))
            return (lo, min(lo + 1, means.count - 1), pos)
        }
        let low = bracket(alpha), high = bracket(1 - alpha)
        let m = orderStatistics(&means, at: [low.lo, low.hi, high.lo, high.hi])
        func quantile(_ b: (lo: Int, hi: Int, pos: Double), _ lo: Double, _ hi: Double) -> Double {
            lo + (hi - lo) * (b.pos - Double(b.lo))
        }
        return MeanInterval(mean: mean, low: quantile(low, m[0], m[1]), high: quantile(high, m[2], m[3]), count: n)
    }
}

/// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
func inverseNormal(_ p: Double) -> Double {
    guard p > 0 else { return -.infinity }
    guard p < 1 else { return .infinity }
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    if p < low {
        let q = (-2 * log(p)).squareRoot()
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    if p > 1 - low {
        let q = (-2 * log(1 - p)).squareRoot()
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    let q = p - 0.5, r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
}
