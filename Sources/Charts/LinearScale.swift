import Foundation

/// Maps a numeric domain onto a pixel range (either may be reversed).
struct LinearScale {
    var domain: (lower: Double, upper: Double)
    var range: (lower: Double, upper: Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upper - domain.lower
        guard span != 0 else { return range.lower }
        return range.lower + (value - domain.lower) / span * (range.upper - range.lower)
    }

    /// A scale over nice ticks for the given values (NaN ignored, zero included when asked).
    static func ticks(for values: [Double], includeZero: Bool, target: Int = 5) -> [Double] {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 0
        if includeZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        return AxisTicks.linear(lower: low, upper: high, target: target)
    }
}

/// A value axis for bars: the domain runs from the data's extent (zero included) so the longest
/// bar uses the full width, and only the nice ticks inside it are drawn. On a log axis the
/// domain and ticks are exponents (log10): from the decade below the smallest bar to the
/// largest, ticks at powers of ten (and 2×, 5× over few decades).
struct BarAxis {
    var domain: (lower: Double, upper: Double)
    var ticks: [Double]

    init(values: [Double], target: Int = 4, scale: BarScale = .linear) {
        if scale == .logarithmic {
            let positive = values.filter { $0.isFinite && $0 > 0 }
            let low = (log10(positive.min() ?? 1)).rounded(.down)
            let high = max(low + 1, log10(positive.max() ?? 10))
            domain = (low, high)
            // Powers of ten, with 2× and 5× when the axis spans few decades.
            ticks = AxisTicks.logarithmic(lower: pow(10, low), upper: pow(10, high)).map(log10)
                .filter { $0 >= low - 1e-9 && $0 <= high + 1e-9 }
            return
        }
        let finite = values.filter(\.isFinite)
        let low = min(0, finite.min() ?? 0)
        let high = max(0, finite.max() ?? 0)
        let nice = AxisTicks.linear(lower: low, upper: high, target: target)
        if low == high {
            domain = (nice.first!, nice.last!)
            ticks = nice
        } else {
            domain = (low, high)
            let span = high - low
            ticks = nice.filter { $0 >= low - span * 1e-9 && $0 <= high + span * 1e-9 }
        }
    }
}

extension CairoCanvas {
    /// Draws a legend row of colour swatches and names from `x`, wrapping within `width`;
    /// returns the height used.
    @discardableResult
    func drawLegend(_ entries: [(name: String, color: RGBA)], x: Double, y: Double, width: Double, theme: Theme) -> Double {
        setFont(size: theme.labelSize)
        let swatch = 10.0
        let lineHeight = 16.0
        var cursorX = x
        var cursorY = y
        let maxEntryWidth = max(40, width / 2)
        for entry in entries {
            let full = TextSafety.clean(entry.name)
            let name = truncate(full, toWidth: maxEntryWidth)
            let entryWidth = swatch + 5 + textWidth(name) + 14
            if cursorX > x, cursorX + entryWidth > x + width {
                cursorX = x
                cursorY += lineHeight
            }
            fillRectangle(x: cursorX, y: cursorY, width: swatch, height: swatch, color: entry.color)
            drawText(name, x: cursorX + swatch + 5, y: cursorY + swatch - 1, color: theme.text, fullText: name == full ? nil : full)
            cursorX += entryWidth
        }
        return entries.isEmpty ? 0 : cursorY - y + lineHeight
    }

    /// Height `drawLegend` will need (same wrapping rules).
    func legendHeight(_ names: [String], width: Double, theme: Theme) -> Double {
        setFont(size: theme.labelSize)
        var cursorX = 0.0
        var lines = names.isEmpty ? 0.0 : 1.0
        for name in names {
            let entryWidth = 10 + 5 + textWidth(truncate(TextSafety.clean(name), toWidth: max(40, width / 2))) + 14
            if cursorX > 0, cursorX + entryWidth > width {
                cursorX = 0
                lines += 1
            }
            cursorX += entryWidth
        }
        return lines * 16
    }
}
