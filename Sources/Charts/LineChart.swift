/// Trends over data years: several series on shared x positions, with a legend, light grid and
/// a marker on every point. NaN leaves a gap.
public struct LineChart: Chart {
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
    /// Start the value axis at zero (right for counts and costs; turn off for indices).
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
            rows: xLabels.indices.map { i in [xLabels[i]] + series.map { format.format(value($0, i)) } })
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        var plot = canvas.drawFrame(caption, theme: theme)
        let all = series.flatMap(\.values).filter(\.isFinite)
        guard !xLabels.isEmpty, !series.isEmpty, !all.isEmpty else { return canvas.drawMessage("No data", in: plot, theme: theme) }
        let colors = Palette.categorical(series.count)
        if series.count > 1 {
            let legend = canvas.drawLegend(zip(series, colors).map { ($0.name, $1) }, x: plot.x, y: plot.y - 4, width: plot.width, theme: theme)
            plot.y += legend + 6
            plot.height -= legend + 6
        }
        let ticks = LinearScale.ticks(for: all, includeZero: includeZero, target: 5)
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
