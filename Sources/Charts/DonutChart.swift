import Foundation
import RxCore

/// A donut showing the top N shares and "Other", with the total in the middle and a legend of
/// shares beside it (below it when narrow).
///
/// A donut that is mostly "Other" says little about the named parts: when "Other" is more than
/// `otherLimit` of the total the chart draws horizontal bars of the top N shares instead and
/// states the remainder in its subtitle (`fallback`).
public struct DonutChart: NarrowableChart, DarkModeReady {
    public var caption: ChartCaption
    public var items: [ShareItem]
    /// Slices beyond this many are merged into "Other".
    public var topN: Int
    public var format: HumanNumber
    public var categoryHeading: String
    public var valueHeading: String
    public var width: Double

    public init(
        caption: ChartCaption, items: [ShareItem], topN: Int = 6, format: HumanNumber = .compact,
        categoryHeading: String = "Category", valueHeading: String = "Value", width: Double = 640
    ) {
        self.caption = caption
        self.items = items
        self.topN = topN
        self.format = format
        self.categoryHeading = categoryHeading
        self.valueHeading = valueHeading
        self.width = width
    }

    var shares: Shares { Shares(items, topN: topN) }

    /// Largest share of the total "Other" may have and still be drawn as a donut.
    public static let otherLimit = 0.4

    /// The bar chart drawn instead of the donut when "Other" is more than `otherLimit`.
    public var fallback: BarChart? {
        let shares = shares
        guard shares.total > 0, let last = shares.items.last, shares.items.count > topN, last.label == "Other",
            shares.share(last) > Self.otherLimit
        else { return nil }
        let others = items.filter { $0.value.isFinite && $0.value > 0 }.count - topN
        let remainder = "The other \(HumanNumber.integer.format(Double(others))) (\(HumanNumber.percent.format(shares.share(last)))) are not drawn"
        var caption = caption
        caption.subtitle = [caption.subtitle, remainder].compactMap { $0 }.joined(separator: ". ")
        var chart = BarChart(
            caption: caption, bars: shares.items.dropLast().map { .init($0.label, shares.share($0)) }, format: .percent,
            valueAxisTitle: "Share of the total", categoryHeading: categoryHeading, valueHeading: "Share", width: width)
        chart.labelsAbove = isNarrow
        return chart
    }

    /// Legend under the donut instead of beside it.
    var isNarrow: Bool { width < 480 }

    public func narrowed(toWidth width: Double) -> any Chart {
        var chart = self
        chart.width = width
        return chart
    }

    public var size: Size {
        if let fallback { return fallback.size }
        let frame = CairoCanvas.frameHeight(caption, theme: .standard, width: width)
        let legendRows = Double(shares.items.count) * 20
        let body = isNarrow ? 2 * Self.narrowRadius + 16 + legendRows : max(200, legendRows)
        return Size(width: width, height: (frame.top + body + frame.bottom + 8).rounded(.up))
    }

    static let narrowRadius = 80.0

    public var alternative: TextAlternative {
        TextAlternative(title: caption.title, summary: shares.summary(noun: "shares", format: format))
    }

    public var table: DataTable {
        shares.table(categoryHeading: categoryHeading, valueHeading: valueHeading, format: format)
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        if let fallback { return fallback.draw(on: canvas, theme: theme) }
        let plot = canvas.drawFrame(caption, theme: theme)
        let shares = shares
        guard shares.total > 0 else { return canvas.drawMessage("No data", in: plot, theme: theme) }
        let radius = isNarrow ? Self.narrowRadius : min(plot.height, plot.width * 0.4) / 2
        let centre = isNarrow ? Point(x: plot.midX, y: plot.y + radius) : Point(x: plot.x + radius + 4, y: plot.y + radius)
        let inner = radius * 0.6
        let colors = colors(for: shares)
        var angle = -Double.pi / 2
        for (item, color) in zip(shares.items, colors) {
            let sweep = shares.share(item) * 2 * Double.pi
            canvas.newPath()
            canvas.arc(center: centre, radius: radius, from: angle, to: angle + sweep)
            canvas.arcNegative(center: centre, radius: inner, from: angle + sweep, to: angle)
            canvas.closePath()
            canvas.fill(color, preserve: shares.items.count > 1)
            if shares.items.count > 1 { canvas.stroke(theme.background, width: 1.5) }
            angle += sweep
        }
        canvas.setFont(size: 16, bold: true)
        canvas.text(format.format(shares.total), x: centre.x, y: centre.y + 2, align: .center, color: theme.title, maxWidth: inner * 1.8)
        canvas.setFont(size: theme.valueSize)
        canvas.text("Total", x: centre.x, y: centre.y + 16, align: .center, color: theme.muted)

        // Legend: swatch, name, share and value in aligned columns.
        let legendX = isNarrow ? plot.x : centre.x + radius + 28
        let legendRight = min(plot.maxX, legendX + 300)
        let legendWidth = legendRight - legendX
        canvas.setFont(size: theme.labelSize)
        let valueTexts = shares.items.map { format.format($0.value) }
        let valueColumn = (valueTexts.map { canvas.textWidth($0) }.max() ?? 0)
        let shareColumn = canvas.textWidth("100%")
        let rowsHeight = Double(shares.items.count) * 20
        var y = isNarrow ? plot.y + 2 * radius + 16 : plot.y + max(0, (2 * radius - rowsHeight) / 2)
        for (index, item) in shares.items.enumerated() {
            canvas.fillRectangle(x: legendX, y: y + 3, width: 10, height: 10, color: colors[index])
            let nameWidth = legendWidth - 18 - valueColumn - shareColumn - 24
            canvas.setFont(size: theme.labelSize)
            canvas.text(item.label, x: legendX + 16, y: y + 12, color: theme.text, maxWidth: max(0, nameWidth))
            canvas.setFont(size: theme.labelSize, bold: true)
            canvas.text(HumanNumber.percent.format(shares.share(item)), x: legendRight - valueColumn - 12, y: y + 12, align: .right, color: theme.title)
            canvas.setFont(size: theme.labelSize)
            canvas.text(valueTexts[index], x: legendRight, y: y + 12, align: .right, color: theme.muted)
            y += 20
        }
    }

    /// Categorical colours in order; "Other" is always neutral grey.
    private func colors(for shares: Shares) -> [RGBA] {
        let hasOther = shares.items.count > topN && shares.items.last?.label == "Other"
        var colors = Palette.categorical(shares.items.count)
        if hasOther { colors[colors.count - 1] = Palette.other }
        return colors
    }
}
