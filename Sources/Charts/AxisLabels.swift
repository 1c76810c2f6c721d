import Foundation
import RxCore

extension HumanNumber {
    /// Labels for a set of axis ticks in one shared unit and one number of decimals, so an
    /// axis reads `0, 2K, 4K, … 10K` rather than `8,000` next to `10K`, and `$0.5B, $1B, $1.5B`
    /// rather than a mix of precisions.
    public func axisLabels(_ ticks: [Double]) -> [String] {
        let finite = ticks.filter(\.isFinite)
        guard let largest = finite.map(abs).max(), largest > 0 else { return ticks.map(format) }
        let step = zip(finite, finite.dropFirst()).map { abs($1 - $0) }.filter { $0 > 0 }.min() ?? largest
        switch style {
        case .compact, .currency:
            let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
            // Below ten thousand plain grouped numbers read best (1,000 … 8,000).
            let unit = largest >= 10_000 ? units.first { largest >= $0.0 } : nil
            let divisor = unit?.0 ?? 1
            let decimals = Self.decimals(for: step / divisor)
            let prefix = style == .currency ? "$" : ""
            return ticks.map { tick in
                guard tick.isFinite else { return Self.missing }
                if tick == 0 { return prefix + "0" }
                let text = HumanNumber(.decimal(decimals)).format(abs(tick) / divisor)
                let sign = tick < 0 && text.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "−" : ""
                return sign + prefix + text + (unit?.1 ?? "")
            }
        case .percent:
            let decimals = Self.decimals(for: step * 100)
            return ticks.map { HumanNumber(.percent, precision: decimals).format($0) }
        case .integer, .decimal:
            return ticks.map(format)
        }
    }

    /// Decimals needed to tell ticks `step` apart (0 for whole steps, at most 3).
    static func decimals(for step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var decimals = 0
        var scaled = step
        while decimals < 3, abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) {
            scaled *= 10
            decimals += 1
        }
        return decimals
    }
}
