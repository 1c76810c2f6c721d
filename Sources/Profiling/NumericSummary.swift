#if canImport(Glibc)
import Glibc
#endif

/// Statistics of one numeric column, computed exactly from all its non-null values.
public struct NumericSummary: Sendable, Equatable {
    /// A value of the column: integers stay exact (NPIs and pseudonyms exceed 2^53).
    public enum Number: Sendable, Equatable {
        case int(Int64)
        case double(Double)
        public var asDouble: Double {
            switch self {
            case .int(let v): return Double(v)
            case .double(let v): return v
            }
        }
    }

    public struct Histogram: Sendable, Equatable {
        /// `counts.count + 1` bin edges; the last bin includes its right edge.
        public var edges: [Double]
        public var counts: [Int]
    }

    public static let quantileLevels: [(String, Double)] = [
        ("p1", 0.01), ("p5", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99),
    ]

    /// Non-null, non-NaN values.
    public var count: Int
    public var nan: Int
    public var distinct: Int
    public var min: Number?
    public var max: Number?
    /// Exact for integer columns; compensated (Neumaier) summation for doubles.
    public var sum: Number
    public var mean: Double?
    /// Sample standard deviation (n − 1).
    public var std: Double?
    /// Adjusted Fisher–Pearson skewness (DuckDB `skewness`), null below 3 values.
    public var skewness: Double?
    public var zeros: Int
    public var negatives: Int
    /// Linear interpolation between closest ranks (DuckDB `quantile_cont`, numpy "linear").
    public var quantiles: [Double?]
    public var iqrOutliers: Int
    public var histogram: Histogram?
    /// Bins equal in log10 over the positive values, for heavy-tailed non-negative columns.
    public var logHistogram: Histogram?
    /// Value counts, shapes and validity of a column that is not a measure or ordinal.
    public var categories: NumericCategories?

    /// Computes everything from the sorted order-preserving keys of every value.
    static func make(sortedKeys keys: [UInt64], isInteger: Bool, nan: Int, bins: Int, logRatio: Double) -> NumericSummary {
        make(ExpandedKeys(keys: keys), isInteger: isInteger, nan: nan, bins: bins, logRatio: logRatio)
    }

    /// Computes everything from the sorted keys, run by run (a run: one distinct value and how
    /// many values have it), so every value and the distinct values with counts agree bit for bit.
    /// A column that is not a measure gets only what its `semantic` type calls for (docs/profile-schema.md):
    /// extremes and distinct count, order statistics for an ordinal, `categories` for the rest;
    /// the moments, sum and histograms are not computed.
    static func make<K: SortedKeys>(
        _ keys: K, isInteger: Bool, nan: Int, bins: Int, logRatio: Double, semantic: SemanticType = .measure, checkNPI: Bool = false
    ) -> NumericSummary {
        let n = keys.count
        func value(_ key: UInt64) -> Double { isInteger ? Double(OrderedKey.int(key)) : OrderedKey.double(key) }
        func number(_ key: UInt64) -> Number { isInteger ? .int(OrderedKey.int(key)) : .double(OrderedKey.double(key)) }
        let zeroKey = isInteger ? OrderedKey.key(Int64(0)) : OrderedKey.key(0.0)
        let negatives = keys.rank(ofFirstKeyAtLeast: zeroKey)
        let zeros = keys.rank(ofFirstKeyAtLeast: zeroKey &+ 1) - negatives
        var summary = NumericSummary(
            count: n, nan: nan, distinct: 0, min: n > 0 ? number(keys.key(atRank: 0)) : nil,
            max: n > 0 ? number(keys.key(atRank: n - 1)) : nil, sum: .int(0), mean: nil, std: nil,
            skewness: nil, zeros: zeros, negatives: negatives, quantiles: [], iqrOutliers: 0, histogram: nil, logHistogram: nil,
            categories: nil)
        var distinct = 0
        if semantic != .measure {
            keys.forEachRun { _, _ in distinct += 1 }
            summary.distinct = distinct
            if semantic == .ordinal {
                summary.quantiles = Self.quantileLevels.map { n == 0 ? nil : Self.quantile(keys, value, $0.1) }
            } else {
                summary.categories = NumericCategories.make(keys, isInteger: isInteger, semantic: semantic, checkNPI: checkNPI)
            }
            return summary
        }
        if isInteger {
            var s: Int128 = 0
            keys.forEachRun { key, count in
                distinct += 1
                s += Int128(OrderedKey.int(key)) * Int128(count)
            }
            summary.sum = s <= Int128(Int64.max) && s >= Int128(Int64.min) ? .int(Int64(s)) : .double(Double(s))
            if n > 0 { summary.mean = Double(s) / Double(n) }
        } else {
            let (s, runs) = neumaier(keys)
            distinct = runs
            summary.sum = .double(s)
            if n > 0 { summary.mean = s / Double(n) }
        }
        summary.distinct = distinct
        summary.fillMoments(keys, value, bins: bins, logRatio: logRatio)
        return summary
    }

    /// Standard deviation, skewness, quantiles, outliers and histograms from the sorted keys.
    private mutating func fillMoments<K: SortedKeys>(_ keys: K, _ value: (UInt64) -> Double, bins: Int, logRatio: Double) {
        let n = keys.count
        if let m = mean, n > 1 {
            var m2 = 0.0, m3 = 0.0, c = 0.0
            keys.forEachRun { key, count in
                let d = value(key) - m
                if count == 1 {
                    m2 += d * d
                    m3 += d * d * d
                    c += d
                } else {
                    let w = Double(count)
                    m2 += w * (d * d)
                    m3 += w * (d * d * d)
                    c += w * d
                }
            }
            // Corrects the rounding error of the mean (compensated two-pass variance).
            m2 -= c * c / Double(n)
            std = (m2 / Double(n - 1)).squareRoot()
            if n > 2, m2 > 0 {
                let p = Double(n)
                let g1 = (m3 / p) / pow(m2 / p, 1.5)
                skewness = (p * (p - 1)).squareRoot() / (p - 2) * g1
            }
        }
        quantiles = Self.quantileLevels.map { n == 0 ? nil : Self.quantile(keys, value, $0.1) }
        guard n > 0 else { return }
        if let q1 = quantiles[2], let q3 = quantiles[4] {
            let iqr = q3 - q1
            let lo = q1 - 1.5 * iqr, hi = q3 + 1.5 * iqr
            // Sorted: the values below `lo` lead, those above `hi` trail.
            iqrOutliers = keys.firstRank(value) { !($0 < lo) } + (n - keys.firstRank(value) { $0 > hi })
        }
        let lowest = keys.key(atRank: 0), highest = value(keys.key(atRank: n - 1))
        histogram = Self.equalWidth(keys, value, from: lowest, bins: bins) { $0 }
        let firstPositive = keys.firstRank(value) { $0 > 0 }
        if firstPositive < n, value(lowest) >= 0, highest.isFinite {
            let smallestPositive = keys.key(atRank: firstPositive)
            if highest / value(smallestPositive) >= logRatio {
                var h = Self.equalWidth(keys, value, from: smallestPositive, bins: bins) { log10($0) }
                h.edges = h.edges.map { pow(10, $0) }
                logHistogram = h
            }
        }
    }

    /// `quantile_cont`: h = (n − 1)·q, interpolate between the values at floor(h) and ceil(h).
    static func quantile<K: SortedKeys>(_ keys: K, _ value: (UInt64) -> Double, _ q: Double) -> Double {
        let h = Double(keys.count - 1) * q
        let lo = Int(h.rounded(.down))
        let hi = Int(h.rounded(.up))
        let lv = value(keys.key(atRank: lo))
        if hi == lo { return lv }
        return lv + (h - Double(lo)) * (value(keys.key(atRank: hi)) - lv)
    }

    /// numpy.histogram(f(values), bins, range=(min, max)) over the values from key `lowest` on,
    /// bin for bin (f is monotonic: the identity, or log10 for the log-scaled histogram).
    static func equalWidth<K: SortedKeys>(
        _ keys: K, _ value: (UInt64) -> Double, from lowest: UInt64, bins: Int, _ f: (Double) -> Double
    ) -> Histogram {
        var first = f(value(lowest)), last = f(value(keys.key(atRank: keys.count - 1)))
        if first == last { first -= 0.5; last += 0.5 }
        let step = (last - first) / Double(bins)
        var edges = (0..<bins).map { Double($0) * step + first }
        edges.append(last)
        var counts = [Int](repeating: 0, count: bins)
        let denominator = last - first
        keys.forEachRun { key, count in
            guard key >= lowest else { return }
            // Equal values fall in one bin: the bin is found once per run of them.
            let v = f(value(key))
            // Non-finite only for infinite values or a range lost to rounding (|values| > 2^53).
            let position = (v - first) / denominator * Double(bins)
            var i = position.isFinite ? Int(Swift.max(-1, Swift.min(Double(bins), position))) : (position > 0 ? bins - 1 : 0)
            if i >= bins { i = bins - 1 }
            if i < 0 { i = 0 }
            if v < edges[i] { i -= 1 }
            if i != bins - 1 && v >= edges[i + 1] { i += 1 }
            counts[i] += count
        }
        return Histogram(edges: edges, counts: counts)
    }

    /// Compensated (Neumaier) sum of the values, run by run: a run of c equal values adds v·c
    /// and the product's rounding error (exact, by a fused multiply-add) to the compensation.
    /// Also returns the number of runs (distinct values), counted on the same pass.
    static func neumaier<K: SortedKeys>(_ keys: K) -> (sum: Double, runs: Int) {
        var s = 0.0, c = 0.0, runs = 0
        keys.forEachRun { key, count in
            runs += 1
            let v = OrderedKey.double(key)
            let term = count == 1 ? v : v * Double(count)
            let t = s + term
            if abs(s) >= abs(term) { c += (s - t) + term } else { c += (term - t) + s }
            s = t
            if count > 1 && term.isFinite { c += (-term).addingProduct(v, Double(count)) }
        }
        return (s + c, runs)
    }
}

