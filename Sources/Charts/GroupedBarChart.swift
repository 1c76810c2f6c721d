import RxCore

/// Horizontal bars for several series per category (e.g. generic vs brand cost by state),
/// side by side (`grouped`) or end to end (`stacked`, with the total at the end).
public struct GroupedBarChart: NarrowableChart, DarkModeReady {
    public enum Layout: Sendable, Equatable {
        case grouped, stacked
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per category, in category order (missing → NaN).
        public var values: [Double]
        public init(_ name: String, _ values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var caption: ChartCaption
    public var categories: [String]
    public var series: [Series]
    public var layout: Layout
    public var format: HumanNumber
    public var valueAxisTitle: String?
    public var categoryHeading: String
    public var width: Double

    public init(
        caption: ChartCaption, categories: [String], series: [Series], layout: Layout = .grouped,
        format: HumanNumber = .compact, valueAxisTitle: String? = nil, categoryHeading: String = "Category",
        width: Double = 640
    ) {
        self.caption = caption
        self.categories = categories
        self.series = series
        self.layout = layout
        self.format = format
        self.valueAxisTitle = valueAxisTitle
        self.categoryHeading = categoryHeading
        self.width = width
    }

    var rowHeight: Double {
        layout == .stacked ? 22 : Double(max(1, series.count)) * 11 + 10
    }

    public var size: Size {
        let frame = CairoCanvas.frameHeight(caption, theme: .standard, width: width)
        let legend = 16.0 * Double((series.count + 3) / 4) + 8
        let rows = Double(max(categories.count, 2)) * rowHeight
        let axis: Double = 20 + (valueAxisTitle == nil ? 0 : 16)
        return Size(width: width, height: (frame.top + legend + rows + axis + frame.bottom).rounded(.up))
    }

    func value(_ series: Series, _ category: Int) -> Double {
        series.values.indices.contains(category) ? series.values[category] : .nan
    }

    func total(_ category: Int) -> Double {
        let values = series.map { value($0, category) }.filter(\.isFinite)
        return values.isEmpty ? .nan : values.reduce(0, +)
    }

    public var alternative: TextAlternative {
        let names = series.map { Summaries.label($0.name) }.joined(separator: ", ")
        let totals = categories.indices.map { (categories[$0], total($0)) }
        guard !categories.isEmpty, !series.isEmpty else {
            return TextAlternative(title: caption.title, summary: "No data to show.")
        }
        let kind = layout == .stacked ? "Stacked" : "Grouped"
        var summary = "\(kind) bars of \(names) for \(categories.count) categories"
        let finite = totals.filter { $0.1.isFinite }
        if let top = finite.max(by: { $0.1 < $1.1 }), let bottom = finite.min(by: { $0.1 < $1.1 }), finite.count > 1 {
            summary += "; highest total \(Summaries.label(top.0)) at \(format.format(top.1)), lowest total \(Summaries.label(bottom.0)) at \(format.format(bottom.1))"
        }
        return TextAlternative(title: caption.title, summary: summary + ".")
    }

    public var table: DataTable {
        var columns = [categoryHeading] + series.map(\.name)
        if layout == .stacked { columns.append("Total") }
        var texts = series.map { s in format.column(categories.indices.map { value(s, $0) }) }
        if layout == .stacked { texts.append(format.column(categories.indices.map(total))) }
        return DataTable(columns: columns, rows: DataTable.rows(labels: categories, columns: texts))
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        var plot = canvas.drawFrame(caption, theme: theme)
        guard !categories.isEmpty, !series.isEmpty else { return canvas.drawMessage("No data", in: plot, theme: theme) }
        let colors = Palette.categorical(series.count)
        let legendHeight = canvas.drawLegend(
            zip(series, colors).map { ($0.name, $1) }, x: plot.x, y: plot.y - 4, width: plot.width, theme: theme)
        plot.y += legendHeight + 8
        plot.height -= legendHeight + 8
        switch layout {
        case .stacked:
            let rows = categories.indices.map { index in
                Row(label: categories[index], segments: zip(series, colors).map { (value($0, index), $1) }, total: total(index))
            }
            // The axis must reach the largest positive and the most negative stack.
            let extents = categories.indices.flatMap { index -> [Double] in
                let values = series.map { value($0, index) }.filter(\.isFinite)
                return [values.filter { $0 > 0 }.reduce(0, +), values.filter { $0 < 0 }.reduce(0, +)]
            }
            HorizontalBars(
                rows: rows, rowHeight: rowHeight, barThickness: 14, format: format, valueAxisTitle: valueAxisTitle,
                highlighted: nil, values: extents
            ).draw(on: canvas, plot: plot, theme: theme)
        case .grouped:
            drawGrouped(on: canvas, plot: plot, colors: colors, theme: theme)
        }
    }

    private func drawGrouped(on canvas: CairoCanvas, plot: Rect, colors: [RGBA], theme: Theme) {
        canvas.setFont(size: theme.labelSize)
        let labelColumn = min(categories.map { canvas.textWidth(TextSafety.clean($0)) }.max() ?? 0, plot.width * 0.36)
        canvas.setFont(size: theme.smallSize)
        let all = series.flatMap { s in categories.indices.map { value(s, $0) } }
        let valueColumn = (all.map { canvas.textWidth(format.aligned.format($0)) }.max() ?? 0) + 8
        let axis = BarAxis(values: all)
        let ticks = axis.ticks
        let hasNegative = all.contains { $0 < 0 }
        let left = plot.x + labelColumn + 10 + (hasNegative ? valueColumn : 0)
        let right = max(left + 20, plot.maxX - valueColumn)
        let scale = LinearScale(domain: axis.domain, range: (left, right))
        let bottom = plot.y + Double(categories.count) * rowHeight
        canvas.setFont(size: theme.valueSize)
        for (tick, label) in zip(ticks, format.axisLabels(ticks)) {
            let x = scale(tick).rounded() + 0.5
            canvas.strokeLine(from: (x, plot.y - 2), to: (x, bottom), color: tick == 0 ? theme.axis : theme.grid)
            canvas.text(label, x: x, y: bottom + 14, align: .center, color: theme.muted)
        }
        if let valueAxisTitle {
            canvas.text(valueAxisTitle, x: (left + right) / 2, y: bottom + 30, align: .center, color: theme.muted, maxWidth: plot.width)
        }
        let thickness = 10.0
        for index in categories.indices {
            let top = plot.y + Double(index) * rowHeight + 5
            canvas.setFont(size: theme.labelSize)
            canvas.text(
                categories[index], x: plot.x + labelColumn, y: canvas.baselineCentered(on: top + (rowHeight - 10) / 2),
                align: .right, color: theme.text, maxWidth: labelColumn)
            for (seriesIndex, s) in series.enumerated() {
                let v = value(s, index)
                let y = top + Double(seriesIndex) * 11
                canvas.setFont(size: theme.smallSize)
                let baseline = canvas.baselineCentered(on: y + thickness / 2)
                guard v.isFinite else {
                    canvas.text(HumanNumber.missing, x: scale(0) + 4, y: baseline, color: theme.muted)
                    continue
                }
                let x0 = min(scale(0), scale(v))
                let x1 = max(scale(0), scale(v))
                canvas.fillRectangle(x: x0, y: y, width: x1 - x0, height: thickness, color: colors[seriesIndex])
                if v < 0 {
                    canvas.text(format.aligned.format(v), x: x0 - 3, y: baseline, align: .right, color: theme.text)
                } else {
                    canvas.text(format.aligned.format(v), x: x1 + 3, y: baseline, color: theme.text)
                }
            }
        }
    }
}

extension GroupedBarChart {
    public func narrowed(toWidth width: Double) -> any Chart {
        var chart = self
        chart.width = width
        return chart
    }
}
