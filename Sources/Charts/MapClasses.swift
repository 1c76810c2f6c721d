import Foundation

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

/// Class boundaries: `breaks[i]...breaks[i+1]` is class i (the first class also takes values
/// below `breaks[0]`, which cannot happen for the data they were computed from).
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
            let k = max(1, classes)
            let n = sorted.count
            var breaks = (0...k).map { i -> Double in sorted[Int((Double(i) * Double(n - 1) / Double(k)).rounded())] }
            breaks = deduplicated(breaks)
            return ClassBreaks(breaks: breaks.count == 1 ? [low, high] : breaks)
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

    private static func deduplicated(_ breaks: [Double]) -> [Double] {
        var result: [Double] = []
        for value in breaks where result.last != value { result.append(value) }
        return result
    }

    /// Colours for the classes: the ramp sampled at `count` points, or the middle for one class.
    func colors(_ palette: MapPalette) -> [RGBA] {
        switch palette {
        case .sequential: Palette.sequential(count)
        case .diverging: Palette.diverging(count)
        }
    }

    /// "1.2M – 3.4M" style label of class `index`.
    func label(_ index: Int, format: HumanNumber) -> String {
        let lower = format.format(breaks[index])
        let upper = format.format(breaks[index + 1])
        return lower == upper ? lower : "\(lower) – \(upper)"
    }
}
