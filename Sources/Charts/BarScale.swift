import Foundation

/// The value axis of a bar chart: linear from zero, or logarithmic when one bar would flatten
/// the rest.
///
/// Rule: with at least three bars, all positive, a log axis is used when the largest value is
/// more than `logRatio` times the median. At that ratio half the bars would be shorter than a
/// tenth of the longest on a linear axis and their differences unreadable. The chart then says
/// "log scale" under the axis, and each bar still carries its exact value. Otherwise bars
/// start at zero, as lengths must for amounts.
public enum BarScale: Sendable, Equatable {
    case linear, logarithmic

    /// Largest ÷ median above which bars switch to a log axis.
    public static let logRatio = 10.0

    public static func choose(for values: [Double]) -> BarScale {
        let finite = values.filter(\.isFinite)
        guard finite.count >= 3, finite.count == values.count, let smallest = finite.min(), smallest > 0 else { return .linear }
        let sorted = finite.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
        return sorted.last! / median > logRatio ? .logarithmic : .linear
    }
}
