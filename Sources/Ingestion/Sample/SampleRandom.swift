/// A small, fast, portable pseudo-random generator (xoshiro256**), seeded through SplitMix64.
/// Every stream is derived from (seed, purpose, index), so any prescriber's rows can be made
/// on any thread in any order and still come out the same.
struct SampleRandom {
    private var s0, s1, s2, s3: UInt64

    init(seed: UInt64, stream: UInt64 = 0, index: UInt64 = 0) {
        var mix = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ (index &* 0xD1B5_4A32_D192_ED03)
        s0 = Self.splitMix(&mix)
        s1 = Self.splitMix(&mix)
        s2 = Self.splitMix(&mix)
        s3 = Self.splitMix(&mix)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int((next() >> 1) % UInt64(bound))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Standard normal by Leva's ratio-of-uniforms method: quadratic bounds accept or reject
    /// almost every draw, so the portable `log` runs for about 1 draw in 100.
    mutating func normal() -> Double {
        while true {
            let u = unit()
            guard u > 0 else { continue }
            let v = 1.7156 * (unit() - 0.5)
            let x = u - 0.449871, y = abs(v) + 0.386595
            let q = x * x + y * (0.19600 * y - 0.25472 * x)
            if q < 0.27597 { return v / u }
            if q > 0.27846 { continue }
            if v * v <= -4 * PortableMath.log(u) * u * u { return v / u }
        }
    }

    /// Log-normal with the given parameters of the underlying normal.
    mutating func logNormal(mu: Double, sigma: Double) -> Double {
        PortableMath.exp(mu + sigma * normal())
    }
}

/// Draws an index with probability proportional to a weight, by binary search on cumulative weights.
struct WeightedPicker {
    private let cumulative: [Double]

    init(weights: [Double]) {
        precondition(!weights.isEmpty, "no weights")
        var running = 0.0
        cumulative = weights.map { running += max($0, 0); return running }
    }

    var count: Int { cumulative.count }

    func pick(_ random: inout SampleRandom) -> Int {
        let target = random.unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
