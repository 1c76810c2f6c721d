import Foundation
import RxCore

/// A histogram drawn from precomputed bins (the profile's), on a linear or log x axis.
public struct Histogram: NarrowableChart, DarkModeReady {
    public struct Bin: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Double
        public init(lower: Double, upper: Double, count: Double) {
            self.lower = lower
            self.upper = upper
            self.count = count
        }
    }

    public enum XScale: Sendable, Equatable {
        case linear, logarithmic
    }

    public var caption: ChartCaption
    public var bins: [Bin]
    public var xScale: XScale
    /// Formats bin bounds (x axis).
    public var xFormat: HumanNumber
    public var countFormat: HumanNumber
    public var xAxisTitle: String?
    public var yAxisTitle: String
    public var width: Double
    public var height: Double

    public init(
        caption: ChartCaption, bins: [Bin], xScale: XScale = .linear, xFormat: HumanNumber = .compact,
        countFormat: HumanNumber = .compact, xAxisTitle: String? = nil, yAxisTitle: String = "Count",
        width: Double = 640, height: Double = 320
    ) {
        self.caption = caption
        self.bins = bins
        self.xScale = xScale
        self.xFormat = xFormat
        self.countFormat = countFormat
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.width = width
        self.height = height
    }

    public var size: Size { Size(width: width, height: height) }

    /// Bins that can be drawn: finite bounds with lower < upper, positive bounds on a log axis,
    /// finite non-negative counts.
    var drawable: [Bin] {
        bins.filter { bin in
            bin.lower.isFinite && bin.upper.isFinite && bin.lower < bin.upper && bin.count.isFinite && bin.count >= 0
                && (xScale == .linear || bin.lower > 0)
        }.sorted { $0.lower < $1.lower }
    }

    public var alternative: TextAlternative {
        let usable = drawable
        let total = usable.reduce(0) { $0 + $1.count }
        guard let first = usable.first, let last = usable.last, total > 0 else {
            return TextAlternative(title: caption.title, summary: "No data to show.")
        }
        let mode = usable.max { $0.count < $1.count }!
        var summary = "Distribution of \(countFormat.format(total)) values from \(xFormat.format(first.lower)) to \(xFormat.format(last.upper))"
        summary += xScale == .logarithmic ? " on a log scale" : ""
        summary += "; the most frequent range is \(xFormat.format(mode.lower))–\(xFormat.format(mode.upper)) with \(countFormat.format(mode.count))"
        let left = bins.count - usable.count
        if left > 0 { summary += "; \(left) bins could not be drawn" }
        return TextAlternative(title: caption.title, summary: summary + ".")
    }

    public var table: DataTable {
        DataTable(
            columns: ["From", "To", yAxisTitle],
            rows: DataTable.rows(labels: xFormat.column(bins.map(\.lower)), columns: [xFormat.column(bins.map(\.upper)), countFormat.column(bins.map(\.count))]))
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        let plot = canvas.drawFrame(caption, theme: theme)
        let usable = drawable
        guard let first = usable.first, let last = usable.last else { return canvas.drawMessage("No data", in: plot, theme: theme) }
        let yTicks = AxisTicks.linear(lower: 0, upper: usable.map(\.count).max() ?? 0, target: 4)
        canvas.setFont(size: theme.valueSize)
        let yTexts = countFormat.axisLabels(yTicks)
        let axisWidth = (yTexts.map { canvas.textWidth($0) }.max() ?? 0) + 24
        let bottomSpace = 22.0 + (xAxisTitle == nil ? 0 : 16)
        let area = Rect(x: plot.x + axisWidth, y: plot.y + 4, width: plot.width - axisWidth - 14, height: plot.height - bottomSpace - 4)
        let y = LinearScale(domain: (0, yTicks.last!), range: (area.maxY, area.y))

        let transform: (Double) -> Double = xScale == .logarithmic ? { log10($0) } : { $0 }
        let xTicks: [Double]
        let domain: (Double, Double)
        switch xScale {
        case .linear:
            xTicks = AxisTicks.linear(lower: first.lower, upper: last.upper, target: 6).filter { $0 >= first.lower - 1e-9 && $0 <= last.upper + 1e-9 }
            domain = (first.lower, last.upper)
        case .logarithmic:
            xTicks = AxisTicks.logarithmic(lower: first.lower, upper: last.upper).filter { $0 >= first.lower * 0.999 && $0 <= last.upper * 1.001 }
            domain = (log10(first.lower), log10(last.upper))
        }
        let x = LinearScale(domain: domain, range: (area.x, area.maxX))

        for (tick, text) in zip(yTicks, yTexts) {
            let py = y(tick).rounded() + 0.5
            canvas.strokeLine(from: (area.x, py), to: (area.maxX, py), color: tick == 0 ? theme.axis : theme.grid)
            canvas.text(text, x: area.x - 6, y: canvas.baselineCentered(on: py), align: .right, color: theme.muted)
        }
        let title = canvas.truncate(TextSafety.clean(yAxisTitle), toWidth: area.height)
        canvas.drawRotatedText(title, x: plot.x + 9, y: area.midY + canvas.textWidth(title) / 2, angle: -Double.pi / 2, color: theme.muted)

        for bin in usable where bin.count > 0 {
            let x0 = x(transform(bin.lower))
            let x1 = x(transform(bin.upper))
            let gap = min(1, (x1 - x0) * 0.15)
            canvas.fillRectangle(x: x0 + gap / 2, y: y(bin.count), width: max(0.5, x1 - x0 - gap), height: area.maxY - y(bin.count), color: theme.primary)
        }
        canvas.strokeLine(from: (area.x, area.maxY + 0.5), to: (area.maxX, area.maxY + 0.5), color: theme.axis)

        // X tick labels, thinned so they never overlap.
        canvas.setFont(size: theme.valueSize)
        var lastRight = -Double.infinity
        let xTexts = xScale == .linear ? xFormat.axisLabels(xTicks) : xTicks.map(xFormat.format)
        for (tick, text) in zip(xTicks, xTexts) {
            let px = x(transform(tick))
            let w = canvas.textWidth(text)
            guard px - w / 2 > lastRight + 6, px + w / 2 <= plot.maxX + 2 else { continue }
            canvas.strokeLine(from: (px, area.maxY), to: (px, area.maxY + 4), color: theme.axis)
            canvas.text(text, x: px, y: area.maxY + 16, align: .center, color: theme.muted)
            lastRight = px + w / 2
        }
        if let xAxisTitle {
            canvas.text(xAxisTitle + (xScale == .logarithmic ? " (log scale)" : ""), x: area.midX, y: area.maxY + 32, align: .center, color: theme.muted, maxWidth: area.width)
        }
    }
}

extension Histogram {
    public func narrowed(toWidth width: Double) -> any Chart {
        var chart = self
        chart.width = width
        chart.height = min(height, 260)
        return chart
    }
}
