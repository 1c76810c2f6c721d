/// Horizontal placement of a text run relative to its anchor.
public enum TextAlign: Sendable {
    case left, center, right
}

extension CairoCanvas {
    /// Draws cleaned `text` anchored at `x`, baseline `y`; if `maxWidth` is given the text is
    /// shortened at a word boundary with an ellipsis to fit, and the SVG keeps the whole text
    /// as the element's `<title>`. `onFill` marks ink chosen against a data fill (it keeps its
    /// colour in dark mode). Returns the drawn width.
    @discardableResult
    func text(
        _ text: String, x: Double, y: Double, align: TextAlign = .left, color: RGBA, maxWidth: Double? = nil,
        onFill: Bool = false
    ) -> Double {
        let full = TextSafety.clean(text)
        var shown = full
        if let maxWidth { shown = truncate(shown, toWidth: maxWidth) }
        guard !shown.isEmpty else { return 0 }
        let width = textWidth(shown)
        let left: Double
        switch align {
        case .left: left = x
        case .center: left = x - width / 2
        case .right: left = x - width
        }
        drawText(shown, x: left, y: y, color: color, align: align, width: width, themed: !onFill, fullText: shown == full ? nil : full)
        return width
    }

    /// The longest prefix of `text` that fits `width` with "…" appended, measured with the
    /// current font, ending at a word boundary when that keeps at least half of what fits (a
    /// long single word is cut between grapheme clusters); the text itself when it fits; ""
    /// when not even the ellipsis fits.
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
        var end = low
        if end < characters.count, characters[end] != " ",
            let space = characters[0..<end].lastIndex(where: { $0 == " " || $0 == "/" || $0 == "-" }), space * 2 >= low
        {
            end = characters[space] == " " ? space : space + 1
        }
        let prefix = String(characters[0..<end]).trimmingSpaces()
        return prefix.isEmpty ? "" : prefix + ellipsis
    }

    /// `text` broken into at most `maxLines` lines at spaces, each fitting `width` in the current
    /// font; what does not fit on the last line is shortened there by `truncate` (so the
    /// ellipsis too falls at a word boundary).
    func wrapped(_ text: String, toWidth width: Double, maxLines: Int) -> [String] {
        let words = TextSafety.clean(text).split(separator: " ").map(String.init)
        var lines: [String] = []
        var current = ""
        for (index, word) in words.enumerated() {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || textWidth(candidate) <= width {
                current = candidate
                continue
            }
            if lines.count == maxLines - 1 {
                current = ([current] + words[index...]).joined(separator: " ")
                break
            }
            lines.append(current)
            current = word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Baseline offset that centres the current font's capitals on a line at `y`.
    func baselineCentered(on y: Double) -> Double {
        let metrics = fontMetrics()
        return y + (metrics.ascent - metrics.descent) / 2 - 0.5
    }
}
