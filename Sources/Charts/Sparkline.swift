import RxCore

/// A word-sized trend line for KPI tiles: no axes or text, the last point marked, the range
/// shaded lightly.
public struct Sparkline: DarkModeReady {
    public var title: String
    public var values: [Double]
    public var format: HumanNumber
    /// Labels of the points (e.g. years), used in the text alternative and table only.
    public var labels: [String]
    public var width: Double
    public var height: Double
    public var color: RGBA?

    public init(
        title: String, values: [Double], labels: [String] = [], format: HumanNumber = .compact, width: Double = 120,
        height: Double = 32, color: RGBA? = nil
    ) {
        self.title = title
        self.values = values
        self.labels = labels
        self.format = format
        self.width = width
        self.height = height
        self.color = color
    }

    public var size: Size { Size(width: width, height: height) }

    func label(_ index: Int) -> String { labels.indices.contains(index) ? labels[index] : "point \(index + 1)" }

    public var alternative: TextAlternative {
        let points = values.indices.filter { values[$0].isFinite }
        guard let first = points.first, let last = points.last else { return TextAlternative(title: title, summary: "No data to show.") }
        if first == last { return TextAlternative(title: title, summary: "\(format.format(values[first])) in \(Summaries.label(label(first))).") }
        let change = values[last] - values[first]
        let direction = change > 0 ? "up" : change < 0 ? "down" : "unchanged"
        return TextAlternative(
            title: title,
            summary: "Trend \(direction) from \(format.format(values[first])) in \(Summaries.label(label(first))) to \(format.format(values[last])) in \(Summaries.label(label(last))).")
    }

    public var table: DataTable {
        DataTable(columns: ["Point", "Value"], rows: DataTable.rows(labels: values.indices.map(label), columns: [format.column(values)]))
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        canvas.fillRectangle(x: 0, y: 0, width: width, height: height, color: theme.background)
        let finite = values.filter(\.isFinite)
        let pad = 3.5
        let midY = height / 2
        guard let low = finite.min(), let high = finite.max() else {
            canvas.strokeLine(from: (pad, midY), to: (width - pad, midY), color: theme.grid, width: 1, dash: [2, 2])
            return
        }
        let line = color ?? theme.primary
        let y = LinearScale(domain: (low, high == low ? low + 1 : high), range: (height - pad, pad))
        let yOf: (Double) -> Double = { high == low ? midY : y($0) }
        let step = values.count > 1 ? (width - 2 * pad) / Double(values.count - 1) : 0
        let xOf: (Int) -> Double = { values.count > 1 ? pad + Double($0) * step : width / 2 }
        var run: [Point] = []
        for index in values.indices {
            if values[index].isFinite {
                run.append(Point(x: xOf(index), y: yOf(values[index])))
            } else {
                canvas.strokePolyline(run, color: line, width: 1.5)
                run = []
            }
        }
        canvas.strokePolyline(run, color: line, width: 1.5)
        if let lastIndex = values.lastIndex(where: \.isFinite) {
            canvas.fillCircle(center: Point(x: xOf(lastIndex), y: yOf(values[lastIndex])), radius: 2.5, color: line)
        }
    }
}
