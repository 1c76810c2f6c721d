import RxCore

/// The map key: a row of class swatches with the class bounds under their edges, then a
/// separate "No data" swatch.
struct MapLegend {
    var breaks: ClassBreaks
    var colors: [RGBA]
    var format: HumanNumber
    var title: String?
    var showNoData: Bool

    func draw(on canvas: CairoCanvas, x: Double, y: Double, width: Double, theme: Theme) {
        var top = y
        if let title, !TextSafety.clean(title).isEmpty {
            canvas.setFont(size: theme.valueSize, bold: true)
            canvas.text(title, x: x, y: top + 10, color: theme.text, maxWidth: width)
        }
        top += 16
        canvas.setFont(size: theme.valueSize)
        let labels = breaks.breaks.map { format.format($0) }
        let widest = labels.map { canvas.textWidth($0) }.max() ?? 0
        let swatchWidth = max(56, widest + 14)
        let height = 12.0
        // Labels are centred on the class edges, so the row starts half a label in.
        var cursor = x + (labels.first.map { canvas.textWidth($0) / 2 } ?? 0)
        if breaks.count == 1 {
            // One class (one value, or all equal): a single swatch labelled with its range.
            cursor = x
            let label = breaks.label(0, format: format)
            canvas.fillRectangle(x: cursor, y: top, width: swatchWidth, height: height, color: colors[0])
            canvas.text(label, x: cursor, y: top + height + 13, color: theme.text)
            cursor += max(swatchWidth, canvas.textWidth(label)) + 24
        } else if breaks.count > 1 {
            for index in 0..<breaks.count {
                canvas.fillRectangle(x: cursor + Double(index) * swatchWidth, y: top, width: swatchWidth, height: height, color: colors[index])
            }
            for (index, label) in labels.enumerated() {
                let edge = (cursor + Double(index) * swatchWidth).rounded() + 0.5
                canvas.strokeLine(from: (edge, top), to: (edge, top + height + 3), color: theme.axis, width: 0.75)
                canvas.text(label, x: edge, y: top + height + 14, align: .center, color: theme.text)
            }
            cursor += Double(breaks.count) * swatchWidth + (labels.last.map { canvas.textWidth($0) / 2 } ?? 0) + 28
        }
        if showNoData {
            canvas.fillRectangle(x: cursor, y: top, width: 22, height: height, color: theme.noData)
            canvas.save()
            canvas.clip(x: cursor, y: top, width: 22, height: height)
            canvas.hatch(Rect(x: cursor, y: top, width: 22, height: height), theme: theme)
            canvas.restore()
            canvas.strokeRectangle(x: cursor + 0.25, y: top + 0.25, width: 21.5, height: height - 0.5, color: RGBA(hex: 0xC9CED4), lineWidth: 0.5)
            canvas.text("No data", x: cursor + 27, y: top + height - 1.5, color: theme.text)
        }
    }
}
