import Foundation
import RxCore

/// A horizontal bar chart (top drugs, specialties, states) with a value label on every bar and
/// an optional highlighted bar.
public struct BarChart: NarrowableChart, DarkModeReady {
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double
        public init(_ label: String, _ value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var caption: ChartCaption
    public var bars: [Bar]
    public var format: HumanNumber
    /// Index of the bar to draw in the highlight colour.
    public var highlighted: Int?
    /// Axis title under the value axis, e.g. "Total drug cost (USD)".
    public var valueAxisTitle: String?
    /// Column headings of the data table.
    public var categoryHeading: String
    public var valueHeading: String
    public var width: Double
    /// Category labels on their own line above each bar (the phone layout), not in a column.
    var labelsAbove = false

    public init(
        caption: ChartCaption, bars: [Bar], format: HumanNumber = .compact, highlighted: Int? = nil,
        valueAxisTitle: String? = nil, categoryHeading: String = "Category", valueHeading: String = "Value",
        width: Double = 640
    ) {
        self.caption = caption
        self.bars = bars
        self.format = format
        self.highlighted = highlighted
        self.valueAxisTitle = valueAxisTitle
        self.categoryHeading = categoryHeading
        self.valueHeading = valueHeading
        self.width = width
    }

    static let rowHeight = 22.0
    static let barThickness = 14.0
    /// A row with its label above the bar: label line, then the bar.
    static let stackedRowHeight = 30.0

    var rowHeight: Double { labelsAbove ? Self.stackedRowHeight : Self.rowHeight }

    /// The value axis: logarithmic when the linear one would flatten most bars.
    var scale: BarScale { BarScale.choose(for: bars.map(\.value)) }

    public var size: Size {
        let frame = CairoCanvas.frameHeight(caption, theme: .standard, width: width)
        let rows = max(Double(bars.count), 3) * rowHeight
        let axis: Double = 20 + (valueAxisTitle == nil && scale == .linear ? 0 : 16)
        return Size(width: width, height: (frame.top + rows + axis + frame.bottom).rounded(.up))
    }

    public var alternative: TextAlternative {
        TextAlternative(title: caption.title, summary: Summaries.ranking(bars.map { ($0.label, $0.value) }, format: format, highlighted: highlighted, noun: "bars"))
    }

    public var table: DataTable {
        DataTable(columns: [categoryHeading, valueHeading], rows: DataTable.rows(labels: bars.map(\.label), columns: [format.column(bars.map(\.value))]))
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        let plot = canvas.drawFrame(caption, theme: theme)
        guard !bars.isEmpty else { return canvas.drawMessage("No data", in: plot, theme: theme) }
        let values = bars.map(\.value)
        let rows = bars.map { Row(label: $0.label, segments: [($0.value, theme.primary)], total: $0.value) }
        HorizontalBars(
            rows: rows, rowHeight: rowHeight, barThickness: labelsAbove ? 12 : Self.barThickness, format: format,
            valueAxisTitle: valueAxisTitle, highlighted: highlighted, values: values, scale: scale, labelsAbove: labelsAbove
        ).draw(on: canvas, plot: plot, theme: theme)
    }

    public func narrowed(toWidth width: Double) -> any Chart {
        var chart = self
        chart.width = width
        chart.labelsAbove = true
        return chart
    }
}

/// One category row of a horizontal bar layout: stacked segments (one for a plain bar).
struct Row {
    var label: String
    var segments: [(value: Double, color: RGBA)]
    var total: Double
}

/// The shared layout of plain and stacked horizontal bars: label column, value axis with light
/// grid, bars, value labels at bar ends.
struct HorizontalBars {
    var rows: [Row]
    var rowHeight: Double
    var barThickness: Double
    var format: HumanNumber
    var valueAxisTitle: String?
    var highlighted: Int?
    /// Every value the axis must reach (segment sums for stacks).
    var values: [Double]
    var scale: BarScale = .linear
    var labelsAbove = false

    func draw(on canvas: CairoCanvas, plot: Rect, theme: Theme) {
        canvas.setFont(size: theme.labelSize)
        let labelColumn = labelsAbove ? -10 : min(rows.map { canvas.textWidth(TextSafety.clean($0.label)) }.max() ?? 0, plot.width * 0.36)
        canvas.setFont(size: theme.valueSize)
        let valueTexts = rows.map { format.aligned.format($0.total) }
        let valueColumn = (valueTexts.map { canvas.textWidth($0) }.max() ?? 0) + 8
        let axis = BarAxis(values: values, scale: self.scale)
        let ticks = axis.ticks
        let hasNegative = values.contains { $0 < 0 }
        let left = plot.x + labelColumn + 10 + (hasNegative ? valueColumn : 0)
        let right = max(left + 20, plot.maxX - valueColumn)
        let linear = LinearScale(domain: axis.domain, range: (left, right))
        let isLog = self.scale == .logarithmic
        // On a log axis bars start at the axis minimum; values are mapped through log10.
        let scale: (Double) -> Double = isLog ? { linear(log10(max($0, pow(10, axis.domain.lower)))) } : { linear($0) }
        let rowsBottom = plot.y + Double(rows.count) * rowHeight

        // Grid and tick labels.
        canvas.setFont(size: theme.valueSize)
        let tickLabels = isLog ? ticks.map { format.format(pow(10, $0)) } : format.axisLabels(ticks)
        var lastRight = -Double.infinity
        for (tick, label) in zip(ticks, tickLabels) {
            let x = linear(tick).rounded() + 0.5
            canvas.strokeLine(from: (x, plot.y - 4), to: (x, rowsBottom), color: tick == 0 && !isLog ? theme.axis : theme.grid, width: 1)
            // Thin labels that would collide (narrow layouts).
            let half = canvas.textWidth(label) / 2
            guard x - half > lastRight + 4 else { continue }
            canvas.text(label, x: x, y: rowsBottom + 14, align: .center, color: theme.muted)
            lastRight = x + half
        }
        let axisTitle = isLog ? (valueAxisTitle.map { "\($0) (log scale)" } ?? "Log scale") : valueAxisTitle
        if let axisTitle {
            canvas.text(axisTitle, x: (left + right) / 2, y: rowsBottom + 30, align: .center, color: theme.muted, maxWidth: plot.width)
        }

        for (index, row) in rows.enumerated() {
            let top = plot.y + Double(index) * rowHeight
            let centre = labelsAbove ? top + rowHeight - barThickness / 2 - 3 : top + rowHeight / 2
            let isHighlighted = highlighted == index
            canvas.setFont(size: theme.labelSize, bold: isHighlighted)
            if labelsAbove {
                canvas.text(row.label, x: plot.x, y: top + theme.labelSize, color: isHighlighted ? theme.title : theme.text, maxWidth: plot.width)
            } else {
                canvas.text(
                    row.label, x: plot.x + labelColumn, y: canvas.baselineCentered(on: centre), align: .right,
                    color: isHighlighted ? theme.title : theme.text, maxWidth: labelColumn)
            }
            var positiveSum = 0.0
            var negativeSum = 0.0
            for segment in row.segments where segment.value.isFinite && segment.value != 0 {
                var color = segment.color
                if highlighted != nil, row.segments.count == 1 { color = isHighlighted ? theme.highlight : theme.deemphasised }
                let from = segment.value > 0 ? positiveSum : negativeSum
                let to = from + segment.value
                if segment.value > 0 { positiveSum = to } else { negativeSum = to }
                let x0 = min(scale(from), scale(to))
                let x1 = max(scale(from), scale(to))
                canvas.fillRectangle(x: x0, y: centre - barThickness / 2, width: x1 - x0, height: barThickness, color: color)
                if row.segments.count > 1 { drawSegmentLabel(segment.value, x0: x0, x1: x1, centre: centre, fill: color, canvas: canvas, theme: theme) }
            }
            let positiveEnd = scale(positiveSum)
            let negativeEnd = scale(negativeSum)
            canvas.setFont(size: theme.valueSize, bold: isHighlighted)
            let baseline = canvas.baselineCentered(on: centre)
            if row.total < 0 {
                canvas.text(valueTexts[index], x: negativeEnd - 4, y: baseline, align: .right, color: theme.text)
            } else {
                canvas.text(valueTexts[index], x: positiveEnd + 4, y: baseline, align: .left, color: row.total.isFinite ? theme.text : theme.muted)
            }
        }
    }

    /// A stacked segment's own value, inside it when it fits.
    private func drawSegmentLabel(_ value: Double, x0: Double, x1: Double, centre: Double, fill: RGBA, canvas: CairoCanvas, theme: Theme) {
        canvas.setFont(size: theme.smallSize)
        let text = format.aligned.format(value)
        guard canvas.textWidth(text) + 6 <= x1 - x0 else { return }
        canvas.text(text, x: (x0 + x1) / 2, y: canvas.baselineCentered(on: centre), align: .center, color: fill.contrastingText(dark: theme.title), onFill: true)
    }
}
