/// Median, median absolute deviation (MAD) and the robust z-score of one peer group.
///
/// The median is SQL's continuous median (DuckDB `median`, `quantile_cont(x, 0.5)`): the
/// middle value, or `lo + (hi − lo) / 2` of the two middle values. MAD = median |x − median|.
/// The robust z-score scales the MAD by 1.4826 so that, for normal data, it estimates the
/// standard deviation: z = (x − median) / (1.4826 · MAD). It is undefined when MAD is 0 (more
/// than half the group shares one value): nobody stands out of a group that has no spread.
public enum RobustStatistics {
    /// 1 / Φ⁻¹(3/4): makes the MAD a consistent estimator of σ for normal data.
    public static let consistency = 1.4826

    /// The median of `values` in any order; nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : medianOfSorted(values.sorted())
    }

    /// The median of values sorted ascending (not empty).
    public static func medianOfSorted(_ sorted: [Double]) -> Double {
        precondition(!sorted.isEmpty, "median of no values")
        let n = sorted.count
        if n % 2 == 1 { return sorted[n / 2] }
        let lo = sorted[n / 2 - 1], hi = sorted[n / 2]
        return lo + (hi - lo) * 0.5
    }

    /// The median absolute deviation of `values` from `median`; nil for no values.
    public static func mad(_ values: [Double], median: Double) -> Double? {
        values.isEmpty ? nil : medianOfSorted(values.map { abs($0 - median) }.sorted())
    }

    /// (x − median) / (1.4826 · mad); nil when mad is 0 (or not a finite positive number).
    public static func robustZ(_ x: Double, median: Double, mad: Double) -> Double? {
        guard mad > 0, mad.isFinite else { return nil }
        return (x - median) / (consistency * mad)
    }

    /// Median and MAD of one group, together.
    public struct Summary: Sendable, Equatable {
        public let median: Double
        public let mad: Double
        public let count: Int
    }

    public static func summary(_ values: [Double]) -> Summary? {
        guard let m = median(values), let d = mad(values, median: m) else { return nil }
        return Summary(median: m, mad: d, count: values.count)
    }
}
