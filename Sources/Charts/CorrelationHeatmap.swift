import Foundation
import RxCore

/// A correlation matrix as coloured cells on a diverging scale (−1 brown … 0 white … +1 teal),
/// with the coefficient printed in each cell and a colour key.
public struct CorrelationHeatmap: NarrowableChart, DarkModeReady {
    public var caption: ChartCaption
    public var labels: [String]
    /// Square matrix of coefficients in −1…1, row-major; NaN shows as "no data".
    public var matrix: [[Double]]
    public var width: Double

    public init(caption: ChartCaption, labels: [String], matrix: [[Double]], width: Double = 640) {
        self.caption = caption
        self.labels = labels
        self.matrix = matrix
        self.width = width
    }

    static let keyWidth = 70.0
    /// Narrow layouts give the cells more room: a shorter label column and key.
    var isNarrow: Bool { width < 480 }
    var keyWidth: Double { isNarrow ? 44 : Self.keyWidth }
    var maxLabelWidth: Double { isNarrow ? 80 : 140 }

    /// Width of the widest label (at most 140 pt), measured with the chart font.
    var labelWidth: Double {
        guard let canvas = try? CairoCanvas(format: .png, width: 1, height: 1, pngScale: 1) else { return 140 }
        canvas.setFont(size: Theme.standard.labelSize)
        return min(maxLabelWidth, labels.map { canvas.textWidth(TextSafety.clean($0)) }.max() ?? 0)
    }

    /// Left column for row labels and the band above the grid for the 45° column labels.
    var layout: (labelColumn: Double, header: Double, cell: Double) {
        let widest = labelWidth
        let labelColumn = widest + 14
        let header = widest * 0.72 + 16
        let available = width - 2 * Theme.standard.margin - labelColumn - keyWidth
        let cell = labels.isEmpty ? 0 : min(56, available / Double(labels.count))
        return (labelColumn, header, cell)
    }

    public var size: Size {
        let frame = CairoCanvas.frameHeight(caption, theme: .standard, width: width)
        let layout = layout
        let grid = max(120, layout.cell * Double(labels.count))
        return Size(width: width, height: (frame.top + layout.header + grid + frame.bottom).rounded(.up))
    }

    func value(_ row: Int, _ column: Int) -> Double {
        guard matrix.indices.contains(row), matrix[row].indices.contains(column) else { return .nan }
        return matrix[row][column]
    }

    static let coefficient = HumanNumber(.decimal(2))

    public var alternative: TextAlternative {
        var strongest: (Int, Int, Double)?
        for r in labels.indices {
            for c in labels.indices where c > r {
                let v = value(r, c)
                if v.isFinite, abs(v) > abs(strongest?.2 ?? -1) { strongest = (r, c, v) }
            }
        }
        guard let strongest else {
            return TextAlternative(title: caption.title, summary: labels.isEmpty ? "No data to show." : "Correlations of \(labels.count) measures; no pair has a value.")
        }
        let summary = "Correlations between \(labels.count) measures; the strongest pair is \(Summaries.label(labels[strongest.0])) and \(Summaries.label(labels[strongest.1])) at \(Self.coefficient.format(strongest.2))."
        return TextAlternative(title: caption.title, summary: summary)
    }

    public var table: DataTable {
        DataTable(columns: [""] + labels, rows: DataTable.rows(labels: labels, columns: labels.indices.map { c in Self.coefficient.column(labels.indices.map { value($0, c) }) }))
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        let plot = canvas.drawFrame(caption, theme: theme)
        guard !labels.isEmpty else { return canvas.drawMessage("No data", in: plot, theme: theme) }
        let layout = layout
        let cell = layout.cell
        let top = plot.y + layout.header
        let left = plot.x + layout.labelColumn
        let n = labels.count
        // Column labels, rotated so long names do not collide.
        canvas.setFont(size: theme.labelSize)
        for c in 0..<n {
            let name = canvas.truncate(TextSafety.clean(labels[c]), toWidth: maxLabelWidth)
            canvas.drawRotatedText(name, x: left + (Double(c) + 0.5) * cell + 3, y: top - 6, angle: -Double.pi / 4, color: theme.text)
        }
        for r in 0..<n {
            canvas.setFont(size: theme.labelSize)
            canvas.text(labels[r], x: left - 8, y: canvas.baselineCentered(on: top + (Double(r) + 0.5) * cell), align: .right, color: theme.text, maxWidth: layout.labelColumn - 12)
            for c in 0..<n {
                let v = value(r, c)
                let x = left + Double(c) * cell
                let y = top + Double(r) * cell
                let fill = v.isFinite ? Palette.divergingColor(max(-1, min(1, v))) : theme.noData
                canvas.fillRectangle(x: x, y: y, width: cell, height: cell, color: fill)
                if !v.isFinite {
                    canvas.save()
                    canvas.clip(x: x, y: y, width: cell, height: cell)
                    canvas.hatch(Rect(x: x, y: y, width: cell, height: cell), theme: theme)
                    canvas.restore()
                }
                canvas.strokeRectangle(x: x, y: y, width: cell, height: cell, color: theme.background, lineWidth: 1)
                // The phone theme allows no text under its small size: leave tiny cells unlabelled.
                let size = min(theme.valueSize, cell / 3.2)
                guard cell >= 26, theme.smallSize < Legibility.minimumTextSize || size >= theme.smallSize else { continue }
                canvas.setFont(size: size)
                canvas.text(Self.coefficient.format(v), x: x + cell / 2, y: canvas.baselineCentered(on: y + cell / 2), align: .center, color: v.isFinite ? fill.contrastingText(dark: theme.title) : theme.muted, onFill: v.isFinite)
            }
        }
        drawKey(on: canvas, x: min(plot.maxX - 34, left + Double(n) * cell + 24), top: top, height: min(160, Double(n) * cell), theme: theme)
    }

    /// A vertical colour bar from +1 (top) to −1 (bottom).
    private func drawKey(on canvas: CairoCanvas, x: Double, top: Double, height: Double, theme: Theme) {
        let steps = 40
        for i in 0..<steps {
            let t = 1 - 2 * (Double(i) + 0.5) / Double(steps)
            canvas.fillRectangle(x: x, y: top + Double(i) * height / Double(steps), width: 10, height: height / Double(steps) + 0.3, color: Palette.divergingColor(t))
        }
        canvas.setFont(size: theme.valueSize)
        for (value, fraction) in [(1.0, 0.0), (0.0, 0.5), (-1.0, 1.0)] {
            let y = top + fraction * height
            canvas.strokeLine(from: (x + 10, y), to: (x + 13, y), color: theme.axis)
            canvas.text(Self.coefficient.format(value).replacingOccurrences(of: ".00", with: ""), x: x + 15, y: canvas.baselineCentered(on: y), color: theme.muted)
        }
    }
}

extension CorrelationHeatmap {
    public func narrowed(toWidth width: Double) -> any Chart {
        var chart = self
        chart.width = width
        return chart
    }
}
