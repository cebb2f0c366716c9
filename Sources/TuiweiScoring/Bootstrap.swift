/// A small seeded generator (SplitMix64) so that confidence intervals are the same on every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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
    public static func bootstrap(_ values: [Double], samples: Int, level: Double, seed: UInt64, key: String) -> MeanInterval? {
        guard !values.isEmpty else { return nil }
        let v = values.sorted()
        let n = v.count
        let mean = v.reduce(0, +) / Double(n)
        guard n > 1, samples > 0 else { return MeanInterval(mean: mean, low: mean, high: mean, count: n) }
        var rng = SplitMix64(seed: seed ^ stableHash(key))
        var means: [Double] = []
        means.reserveCapacity(samples)
        for _ in 0..<samples {
            var sum = 0.0
            for _ in 0..<n { sum += v[Int(rng.next() % UInt64(n))] }
            means.append(sum / Double(n))
        }
        means.sort()
        let alpha = (1 - min(max(level, 0), 1)) / 2
        func quantile(_ q: Double) -> Double {
            let pos = q * Double(means.count - 1)
            let lo = Int(pos.rounded(.down)), hi = min(lo + 1, means.count - 1)
            return means[lo] + (means[hi] - means[lo]) * (pos - Double(lo))
        }
        return MeanInterval(mean: mean, low: quantile(alpha), high: quantile(1 - alpha), count: n)
    }
}
