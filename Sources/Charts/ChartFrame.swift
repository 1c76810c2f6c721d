extension CairoCanvas {
    /// Paints the background, title, subtitle and source note; returns the area left for the plot.
    func drawFrame(_ caption: ChartCaption?, theme: Theme) -> Rect {
        fillRectangle(x: 0, y: 0, width: width, height: height, color: theme.background)
        let inner = width - 2 * theme.margin
        var top = theme.margin
        var bottom = height - theme.margin
        guard let caption else { return Rect(x: theme.margin, y: top, width: inner, height: bottom - top) }
        if !TextSafety.clean(caption.title).isEmpty {
            setFont(size: theme.titleSize, bold: true)
            for (index, line) in wrapped(caption.title, toWidth: inner, maxLines: 2).enumerated() {
                top += theme.titleSize + (index > 0 ? Self.lineGap : 0)
                text(line, x: theme.margin, y: top, color: theme.title, maxWidth: inner)
            }
            top += 6
        }
        if let subtitle = caption.subtitle, !TextSafety.clean(subtitle).isEmpty {
            setFont(size: theme.subtitleSize)
            for (index, line) in wrapped(subtitle, toWidth: inner, maxLines: 2).enumerated() {
                top += theme.subtitleSize + (index > 0 ? Self.lineGap : 2)
                text(line, x: theme.margin, y: top, color: theme.muted, maxWidth: inner)
            }
            top += 4
        }
        if let source = caption.source, !TextSafety.clean(source).isEmpty {
            setFont(size: theme.noteSize)
            text(source, x: theme.margin, y: bottom - 2, color: theme.muted, maxWidth: inner)
            bottom -= theme.noteSize + 8
        }
        return Rect(x: theme.margin, y: top + 12, width: inner, height: max(0, bottom - top - 12))
    }

    /// A centred grey message in the plot area (empty data).
    func drawMessage(_ message: String, in rect: Rect, theme: Theme) {
        setFont(size: theme.labelSize + 1)
        text(message, x: rect.midX, y: baselineCentered(on: rect.midY), align: .center, color: theme.muted, maxWidth: rect.width)
    }

    /// Space between wrapped lines of a title or subtitle.
    static let lineGap = 3.0

    /// Height the frame takes above and below the plot for a caption (to size charts). With the
    /// chart's `width`, a title or subtitle that wraps to a second line is counted.
    static func frameHeight(_ caption: ChartCaption?, theme: Theme, width: Double? = nil) -> (top: Double, bottom: Double) {
        var top = theme.margin
        var bottom = theme.margin
        guard let caption else { return (top, bottom) }
        let measure = width.flatMap { _ in try? CairoCanvas(format: .png, width: 1, height: 1, pngScale: 1) }
        func lines(_ text: String, size: Double, bold: Bool) -> Double {
            guard let measure, let width else { return 1 }
            measure.setFont(size: size, bold: bold)
            return Double(measure.wrapped(text, toWidth: width - 2 * theme.margin, maxLines: 2).count)
        }
        if !TextSafety.clean(caption.title).isEmpty {
            top += theme.titleSize + 6 + (lines(caption.title, size: theme.titleSize, bold: true) - 1) * (theme.titleSize + lineGap)
        }
        if let subtitle = caption.subtitle, !TextSafety.clean(subtitle).isEmpty {
            top += theme.subtitleSize + 6 + (lines(subtitle, size: theme.subtitleSize, bold: false) - 1) * (theme.subtitleSize + lineGap)
        }
        if let source = caption.source, !TextSafety.clean(source).isEmpty { bottom += theme.noteSize + 8 }
        return (top + 12, bottom)
    }
}
