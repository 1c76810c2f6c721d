import Foundation

/// Nice axis ticks: steps of 1, 2, 2.5 or 5 × 10ⁿ covering a domain, and powers of ten for
/// log axes.
public enum AxisTicks {
    /// Tick values covering `lower...upper` with about `target` intervals. A degenerate or
    /// non-finite domain is widened so the result always has at least two ticks.
    public static func linear(lower: Double, upper: Double, target: Int = 5) -> [Double] {
        var low = lower.isFinite ? lower : 0
        var high = upper.isFinite ? upper : 0
        if low > high { swap(&low, &high) }
        if low == high {
            if low == 0 {
                high = 1
            } else if low > 0 {
                low = 0
            } else {
                high = 0
            }
        }
        let step = niceStep((high - low) / Double(max(1, target)))
        // value = index × mantissa × 10ⁿ, divided by 10⁻ⁿ for small steps so 0.05-steps give
        // exactly 0.15, not 0.15000000000000002.
        let exponent = floor(log10(step))
        let scale = pow(10, abs(exponent))
        let mantissa = exponent < 0 ? (step * scale).rounded() : step / scale
        let value: (Double) -> Double = { exponent < 0 ? $0 * mantissa / scale : $0 * mantissa * scale }
        let first = (low / step + 1e-9).rounded(.down)
        let last = (high / step - 1e-9).rounded(.up)
        var ticks: [Double] = []
        var index = first
        while index <= last + 0.5 {
            let tick = value(index)
            ticks.append(tick == 0 ? 0 : tick)
            index += 1
        }
        return ticks
    }

    /// The nice step (1, 2, 2.5, 5 × 10ⁿ) closest to a raw step (so the tick count stays
    /// near the target, never more than about twice it).
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let exponent = floor(log10(raw))
        let base = pow(10, exponent)
        let fraction = raw / base
        let nice: Double
        if fraction < 1.5 {
            nice = 1
        } else if fraction < 2.25 {
            nice = 2
        } else if fraction < 3.5 {
            nice = 2.5
        } else if fraction < 7.5 {
            nice = 5
        } else {
            nice = 10
        }
        return nice * base
    }

    /// Powers of ten spanning a positive domain (1, 10, 100, …), with 2× and 5× added when
    /// the domain covers less than two decades. Non-positive bounds are clamped to the smallest
    /// positive value given.
    public static func logarithmic(lower: Double, upper: Double) -> [Double] {
        let high = upper.isFinite && upper > 0 ? upper : 1
        let low = lower.isFinite && lower > 0 ? min(lower, high) : min(high, 1)
        let firstExponent = Int(floor(log10(low) + 1e-9))
        var lastExponent = Int(ceil(log10(high) - 1e-9))
        if lastExponent <= firstExponent { lastExponent = firstExponent + 1 }
        var ticks: [Double] = []
        let decades = lastExponent - firstExponent
        for exponent in firstExponent...lastExponent {
            let base = pow(10, Double(exponent))
            ticks.append(base)
            if decades < 3, exponent < lastExponent {
                ticks.append(2 * base)
                ticks.append(5 * base)
            }
        }
        return ticks
    }
}
