import RxCore

/// Trends over data years: several series on shared x positions, with a legend, light grid and
/// a marker on every point. NaN leaves a gap.
public struct LineChart: NarrowableChart, DarkModeReady {
    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per x label (missing → NaN).
        public var values: [Double]
        public init(_ name: String, _ values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var caption: ChartCaption
    /// Category labels along x, e.g. data years "2019" … "2023".
    public var xLabels: [String]
    public var series: [Series]
    public var format: HumanNumber
    public var yAxisTitle: String?
    /// Ask for a zoomed value axis by passing false. Honoured for shares and ratios only, and
    /// then marked on the chart; amounts always start at zero (see `AxisBaseline`).
    public var includeZero: Bool
    public var xHeading: String
    public var width: Double
    public var height: Double

    public init(
        caption: ChartCaption, xLabels: [String], series: [Series], format: HumanNumber = .compact,
        yAxisTitle: String? = nil, includeZero: Bool = true, xHeading: String = "Year", width: Double = 640,
        height: Double = 340
    ) {
        self.caption = caption
        self.xLabels = xLabels
        self.series = series
        self.format = format
        self.yAxisTitle = yAxisTitle
        self.includeZero = includeZero
        self.xHeading = xHeading
        self.width = width
        self.height = height
    }

    public var size: Size { Size(width: width, height: height) }

    var baseline: AxisBaseline { AxisBaseline.choose(format: format, zoomRequested: !includeZero) }

    /// The value axis ticks: from zero for amounts, the data's nice range for a zoomed share.
    var valueTicks: [Double] {
        LinearScale.ticks(for: series.flatMap(\.values), includeZero: baseline == .zero, target: 5)
    }

    public func narrowed(toWidth width: Double) -> any Chart {
        var chart = self
        chart.width = width
        chart.height = min(height, 280)
        return chart
    }

    func value(_ s: Series, _ index: Int) -> Double {
        s.values.indices.contains(index) ? s.values[index] : .nan
    }

    public var alternative: TextAlternative {
        guard !xLabels.isEmpty, !series.isEmpty else { return TextAlternative(title: caption.title, summary: "No data to show.") }
        let parts = series.map { s -> String in
            let points = xLabels.indices.compactMap { i -> (String, Double)? in
                let v = value(s, i)
                return v.isFinite ? (xLabels[i], v) : nil
            }
            guard let first = points.first, let last = points.last else { return "\(Summaries.label(s.name)) has no values" }
            if points.count == 1 { return "\(Summaries.label(s.name)) is \(format.format(first.1)) in \(Summaries.label(first.0))" }
            return "\(Summaries.label(s.name)) goes from \(format.format(first.1)) in \(Summaries.label(first.0)) to \(format.format(last.1)) in \(Summaries.label(last.0))"
        }
        return TextAlternative(title: caption.title, summary: parts.joined(separator: "; ") + ".")
    }

    public var table: DataTable {
        DataTable(
            columns: [xHeading] + series.map(\.name),
            rows: DataTable.rows(labels: xLabels, columns: series.map { s in format.column(xLabels.indices.map { value(s, $0) }) }))
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        var plot = canvas.drawFrame(caption, theme: theme)
        let all = series.flatMap(\.values).filter(\.isFinite)
        guard !xLabels.isEmpty, !series.isEmpty, !all.isEmpty else { return canvas.drawMessage("No data", in: plot, theme: theme) }
        // One series takes the theme's primary colour (lighter in dark mode); several, the
        // categorical palette.
        let colors = series.count == 1 ? [theme.primary] : Palette.categorical(series.count)
        if series.count > 1 {
            let legend = canvas.drawLegend(zip(series, colors).map { ($0.name, $1) }, x: plot.x, y: plot.y - 4, width: plot.width, theme: theme)
            plot.y += legend + 6
            plot.height -= legend + 6
        }
        let ticks = valueTicks
        let zoomed = ticks.first! > 0 || ticks.last! < 0
        if zoomed {
            // Say so where the eye lands first: above the plot, left.
            canvas.setFont(size: theme.valueSize)
            let note = "Axis starts at \(format.axisLabels(ticks).first!), not 0"
            canvas.text(note, x: plot.x, y: plot.y + theme.valueSize - 2, color: theme.muted, maxWidth: plot.width)
            plot.y += theme.valueSize + 8
            plot.height -= theme.valueSize + 8
        }
        canvas.setFont(size: theme.valueSize)
        let tickTexts = format.axisLabels(ticks)
        let axisWidth = (tickTexts.map { canvas.textWidth($0) }.max() ?? 0) + 8 + (yAxisTitle == nil ? 0 : 16)
        let area = Rect(x: plot.x + axisWidth, y: plot.y + 4, width: plot.width - axisWidth - 12, height: plot.height - 26)
        let y = LinearScale(domain: (ticks.first!, ticks.last!), range: (area.maxY, area.y))
        // Points sit a little inside the grid so the first and last do not touch the axis labels.
        let inset = 14.0
        let step = xLabels.count > 1 ? (area.width - 2 * inset) / Double(xLabels.count - 1) : 0
        let x: (Int) -> Double = { xLabels.count > 1 ? area.x + inset + Double($0) * step : area.midX }

        for (tick, text) in zip(ticks, tickTexts) {
            let py = y(tick).rounded() + 0.5
            canvas.strokeLine(from: (area.x, py), to: (area.maxX, py), color: tick == 0 ? theme.axis : theme.grid)
            canvas.text(text, x: area.x - 6, y: canvas.baselineCentered(on: py), align: .right, color: theme.muted)
        }
        if zoomed {
            // A break mark at the foot of the axis: two short slanted strokes.
            let foot = area.maxY
            for dy in [-2.0, 2.0] {
                canvas.strokeLine(from: (area.x - 5, foot + dy + 2), to: (area.x + 5, foot + dy - 2), color: theme.axis, width: 1.2)
            }
        }
        if let yAxisTitle {
            canvas.setFont(size: theme.valueSize)
            let title = canvas.truncate(TextSafety.clean(yAxisTitle), toWidth: area.height)
            canvas.drawRotatedText(title, x: plot.x + 9, y: area.midY + canvas.textWidth(title) / 2, angle: -Double.pi / 2, color: theme.muted)
        }
        // X labels: skip some when they would collide.
        canvas.setFont(size: theme.valueSize)
        let widest = (xLabels.map { canvas.textWidth(TextSafety.clean($0)) }.max() ?? 0) + 8
        let every = step > 0 ? max(1, Int((widest / step).rounded(.up))) : 1
        for index in xLabels.indices where index % every == 0 {
            canvas.strokeLine(from: (x(index), area.maxY), to: (x(index), area.maxY + 4), color: theme.axis)
            // Keep the label inside the plot even when it is wider than its slot.
            let label = canvas.truncate(TextSafety.clean(xLabels[index]), toWidth: max(step * Double(every) - 4, 30))
            let half = canvas.textWidth(label) / 2
            let centre = min(max(x(index), plot.x + half), plot.maxX - half)
            canvas.text(label, x: centre, y: area.maxY + 16, align: .center, color: theme.muted)
        }
        for (s, color) in zip(series, colors) {
            var run: [Point] = []
            var points: [Point] = []
            for index in xLabels.indices {
                let v = value(s, index)
                if v.isFinite {
                    let p = Point(x: x(index), y: y(v))
                    run.append(p)
                    points.append(p)
                } else {
                    canvas.strokePolyline(run, color: color, width: 2)
                    run = []
                }
            }
            canvas.strokePolyline(run, color: color, width: 2)
            for p in points { canvas.fillCircle(center: p, radius: 2.6, color: color, stroke: theme.background, strokeWidth: 1) }
        }
    }
}
