/// Horizontal placement of a text run relative to its anchor.
public enum TextAlign: Sendable {
    case left, center, right
}

extension CairoCanvas {
    /// Draws cleaned `text` anchored at `x`, baseline `y`; if `maxWidth` is given the text is
    /// shortened with an ellipsis to fit. Returns the drawn width.
    @discardableResult
    func text(
        _ text: String, x: Double, y: Double, align: TextAlign = .left, color: RGBA, maxWidth: Double? = nil
    ) -> Double {
        var shown = TextSafety.clean(text)
        if let maxWidth { shown = truncate(shown, toWidth: maxWidth) }
        guard !shown.isEmpty else { return 0 }
        let width = textWidth(shown)
        let left: Double
        switch align {
        case .left: left = x
        case .center: left = x - width / 2
        case .right: left = x - width
        }
        drawText(shown, x: left, y: y, color: color, align: align, width: width)
        return width
    }

    /// The longest prefix of `text` (whole grapheme clusters) that fits `width` with "…"
    /// appended, measured with the current font; the text itself when it fits; "" when not
    /// even the ellipsis fits.
    func truncate(_ text: String, toWidth width: Double) -> String {
        if textWidth(text) <= width { return text }
        let ellipsis = "…"
        if textWidth(ellipsis) > width { return "" }
        let characters = Array(text)
        var low = 0
        var high = characters.count
        // Largest prefix length whose truncated form fits (binary search on the width).
        while low < high {
            let mid = (low + high + 1) / 2
            let candidate = String(characters[0..<mid]).trimmingSpaces() + ellipsis
            if textWidth(candidate) <= width { low = mid } else { high = mid - 1 }
        }
        return String(characters[0..<low]).trimmingSpaces() + ellipsis
    }

    /// Baseline offset that centres the current font's capitals on a line at `y`.
    func baselineCentered(on y: Double) -> Double {
        let metrics = fontMetrics()
        return y + (metrics.ascent - metrics.descent) / 2 - 0.5
    }
}
