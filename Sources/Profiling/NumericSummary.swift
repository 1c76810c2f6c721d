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

    /// Computes everything from the sorted order-preserving keys of the values (consumed:
    /// double keys are turned into the doubles in place, so no second array is needed).
    static func make(sortedKeys keys: consuming [UInt64], isInteger: Bool, nan: Int, bins: Int, logRatio: Double) -> NumericSummary {
        var k = consume keys
        let n = k.count
        var distinct = n > 0 ? 1 : 0
        if n > 1 { for i in 1..<n where k[i] != k[i - 1] { distinct += 1 } }
        func number(_ key: UInt64) -> Number { isInteger ? .int(OrderedKey.int(key)) : .double(OrderedKey.double(key)) }
        let zeroKey = isInteger ? OrderedKey.key(Int64(0)) : OrderedKey.key(0.0)
        let negatives = lowerBound(k, zeroKey)
        let zeros = lowerBound(k, zeroKey &+ 1) - negatives
        let minimum = n > 0 ? number(k[0]) : nil
        let maximum = n > 0 ? number(k[n - 1]) : nil
        var summary = NumericSummary(
            count: n, nan: nan, distinct: distinct, min: minimum, max: maximum, sum: .int(0), mean: nil, std: nil,
            skewness: nil, zeros: zeros, negatives: negatives, quantiles: [], iqrOutliers: 0, histogram: nil, logHistogram: nil)
        if isInteger {
            var s: Int128 = 0
            for key in k { s += Int128(OrderedKey.int(key)) }
            summary.sum = s <= Int128(Int64.max) && s >= Int128(Int64.min) ? .int(Int64(s)) : .double(Double(s))
            if n > 0 { summary.mean = Double(s) / Double(n) }
            k.withUnsafeBufferPointer { summary.fillMoments(IntegerKeys(keys: $0), bins: bins, logRatio: logRatio) }
        } else {
            for i in 0..<n { k[i] = OrderedKey.double(k[i]).bitPattern }
            k.withUnsafeBufferPointer { raw in
                raw.withMemoryRebound(to: Double.self) { values in
                    let s = neumaier(values)
                    summary.sum = .double(s)
                    if n > 0 { summary.mean = s / Double(n) }
                    summary.fillMoments(DoubleValues(values: values), bins: bins, logRatio: logRatio)
                }
            }
        }
        return summary
    }

    /// Standard deviation, skewness, quantiles, outliers and histograms from sorted values.
    private mutating func fillMoments<V: SortedValues>(_ values: V, bins: Int, logRatio: Double) {
        let n = values.count
        if let m = mean, n > 1 {
            var m2 = 0.0, m3 = 0.0, c = 0.0
            for i in 0..<n { let d = values[i] - m; m2 += d * d; m3 += d * d * d; c += d }
            // Corrects the rounding error of the mean (compensated two-pass variance).
            m2 -= c * c / Double(n)
            std = (m2 / Double(n - 1)).squareRoot()
            if n > 2, m2 > 0 {
                let p = Double(n)
                let g1 = (m3 / p) / pow(m2 / p, 1.5)
                skewness = (p * (p - 1)).squareRoot() / (p - 2) * g1
            }
        }
        quantiles = Self.quantileLevels.map { n == 0 ? nil : Self.quantile(values, $0.1) }
        guard n > 0 else { return }
        if let q1 = quantiles[2], let q3 = quantiles[4] {
            let iqr = q3 - q1
            let lo = q1 - 1.5 * iqr, hi = q3 + 1.5 * iqr
            // Sorted: the values below `lo` lead, those above `hi` trail.
            iqrOutliers = Self.firstIndex(values) { !($0 < lo) } + (n - Self.firstIndex(values) { $0 > hi })
        }
        histogram = Self.equalWidth(values, range: 0..<n, bins: bins) { $0 }
        var firstPositive = 0
        while firstPositive < n && !(values[firstPositive] > 0) { firstPositive += 1 }
        if firstPositive < n, values[0] >= 0, values[n - 1].isFinite, values[n - 1] / values[firstPositive] >= logRatio {
            var h = Self.equalWidth(values, range: firstPositive..<n, bins: bins) { log10($0) }
            h.edges = h.edges.map { pow(10, $0) }
            logHistogram = h
        }
    }

    /// `quantile_cont`: h = (n − 1)·q, interpolate between the values at floor(h) and ceil(h).
    static func quantile<V: SortedValues>(_ sorted: V, _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down))
        let hi = Int(h.rounded(.up))
        let lv = sorted[lo]
        if hi == lo { return lv }
        return lv + (h - Double(lo)) * (sorted[hi] - lv)
    }

    /// numpy.histogram(f(values), bins, range=(min, max)) for sorted values, bin for bin
    /// (f is monotonic: the identity, or log10 for the log-scaled histogram).
    static func equalWidth<V: SortedValues>(_ sorted: V, range: Range<Int>, bins: Int, _ f: (Double) -> Double) -> Histogram {
        var first = f(sorted[range.lowerBound]), last = f(sorted[range.upperBound - 1])
        if first == last { first -= 0.5; last += 0.5 }
        let step = (last - first) / Double(bins)
        var edges = (0..<bins).map { Double($0) * step + first }
        edges.append(last)
        var counts = [Int](repeating: 0, count: bins)
        let denominator = last - first
        var j = range.lowerBound
        while j < range.upperBound {
            // Equal values fall in one bin: the bin is found once per run of them.
            let raw = sorted[j]
            var end = j + 1
            while end < range.upperBound && sorted[end] == raw { end += 1 }
            let v = f(raw)
            // Non-finite only for infinite values or a range lost to rounding (|values| > 2^53).
            let position = (v - first) / denominator * Double(bins)
            var i = position.isFinite ? Int(Swift.max(-1, Swift.min(Double(bins), position))) : (position > 0 ? bins - 1 : 0)
            if i >= bins { i = bins - 1 }
            if i < 0 { i = 0 }
            if v < edges[i] { i -= 1 }
            if i != bins - 1 && v >= edges[i + 1] { i += 1 }
            counts[i] += end - j
            j = end
        }
        return Histogram(edges: edges, counts: counts)
    }

    static func neumaier(_ values: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0, c = 0.0
        for v in values {
            let t = s + v
            if abs(s) >= abs(v) { c += (s - t) + v } else { c += (v - t) + s }
            s = t
        }
        return s + c
    }

    /// The first index whose value satisfies `isAbove` (a predicate false then true along sorted values).
    static func firstIndex<V: SortedValues>(_ sorted: V, _ isAbove: (Double) -> Bool) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAbove(sorted[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    static func lowerBound(_ k: [UInt64], _ key: UInt64) -> Int {
        var lo = 0, hi = k.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if k[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// Random access to sorted column values as doubles, without materialising a second array.
protocol SortedValues {
    var count: Int { get }
    subscript(i: Int) -> Double { get }
}

struct IntegerKeys: SortedValues {
    let keys: UnsafeBufferPointer<UInt64>
    var count: Int { keys.count }
    @inline(__always) subscript(i: Int) -> Double { Double(OrderedKey.int(keys[i])) }
}

struct DoubleValues: SortedValues {
    let values: UnsafeBufferPointer<Double>
    var count: Int { values.count }
    @inline(__always) subscript(i: Int) -> Double { values[i] }
}
