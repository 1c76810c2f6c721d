import Foundation
import RxCore

/// How map values are grouped into colour classes.
public enum Classification: Sendable, Equatable {
    /// Each class holds about the same number of states.
    case quantile(classes: Int)
    /// Classes of equal width between the smallest and largest value (symmetric around zero
    /// with the diverging palette).
    case equalInterval(classes: Int)
}

/// Which colour ramp a map uses.
public enum MapPalette: Sendable, Equatable {
    /// Light to dark, for counts, costs and rates.
    case sequential
    /// Two hues around a neutral middle, for changes (classes symmetric around zero).
    case diverging
}

/// Class boundaries: class i holds values in (`breaks[i]`, `breaks[i+1]`]; the first class
/// also holds `breaks[0]` itself (the minimum).
struct ClassBreaks: Equatable {
    var breaks: [Double]

    var count: Int { max(0, breaks.count - 1) }

    func classIndex(_ value: Double) -> Int? {
        guard value.isFinite, count > 0 else { return nil }
        for index in 0..<count where value <= breaks[index + 1] { return index }
        return count - 1
    }

    /// Breaks for the finite values given; empty when there are none.
    static func compute(_ values: [Double], classification: Classification, palette: MapPalette) -> ClassBreaks {
        let sorted = values.filter(\.isFinite).sorted()
        guard let low = sorted.first, let high = sorted.last else { return ClassBreaks(breaks: []) }
        switch classification {
        case .quantile(let classes):
            // Split the sorted values into k runs of near-equal length; each class ends at its
            // run's largest value. Equal maxima merge, so ties never straddle two classes and
            // two distinct values always give two classes.
            let k = max(1, classes)
            let n = sorted.count
            var maxima: [Double] = []
            for i in 1...k {
                let start = Int((Double(i - 1) * Double(n) / Double(k)).rounded())
                let end = Int((Double(i) * Double(n) / Double(k)).rounded())
                guard end > start, let last = sorted[start..<end].last else { continue }
                if maxima.last != last { maxima.append(last) }
            }
            return ClassBreaks(breaks: [low] + maxima)
        case .equalInterval(let classes):
            let k = max(1, classes)
            var lower = low
            var upper = high
            if palette == .diverging {
                let extent = roundedUp(max(abs(low), abs(high)))
                lower = -extent
                upper = extent
            }
            guard upper > lower else { return ClassBreaks(breaks: [lower, upper]) }
            let step = (upper - lower) / Double(k)
            return ClassBreaks(breaks: (0...k).map { $0 == k ? upper : lower + Double($0) * step })
        }
    }

    /// Rounds a positive extent up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ so symmetric
    /// class bounds read well (0.14 → 0.15 gives ±3 %, ±9 %, ±15 %).
    static func roundedUp(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        let exponent = floor(log10(value))
        // Divide by 10ⁿ for negative exponents: 1.5 / 10 is exactly 0.15, 1.5 × 0.1 is not.
        let scale = pow(10, abs(exponent))
        let fraction = exponent < 0 ? value * scale : value / scale
        let steps: [Double] = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
        let step = steps.first { $0 >= fraction - 1e-12 } ?? 10
        return exponent < 0 ? step / scale : step * scale
    }

    /// Colours for the classes: the ramp sampled at `count` points, or the middle for one class.
    func colors(_ palette: MapPalette) -> [RGBA] {
        switch palette {
        case .sequential: Palette.sequential(count)
        case .diverging: Palette.diverging(count)
        }
    }

    /// "1.2M – 3.4M" style label of class `index`; every bound of every class in one style
    /// (`HumanNumber.column`: "$2.6 – $10.0", not "$2.6 – $10").
    func label(_ index: Int, format: HumanNumber) -> String {
        let bounds = format.column(breaks)
        let lower = bounds[index]
        let upper = bounds[index + 1]
        return lower == upper ? lower : "\(lower) – \(upper)"
    }
}
