import RxCore

/// A squarified treemap for many categories: area ∝ value, labels where they fit.
public struct Treemap: NarrowableChart, DarkModeReady {
    public var caption: ChartCaption
    public var items: [ShareItem]
    public var format: HumanNumber
    public var categoryHeading: String
    public var valueHeading: String
    public var width: Double
    public var height: Double

    public init(
        caption: ChartCaption, items: [ShareItem], format: HumanNumber = .compact, categoryHeading: String = "Category",
        valueHeading: String = "Value", width: Double = 640, height: Double = 380
    ) {
        self.caption = caption
        self.items = items
        self.format = format
        self.categoryHeading = categoryHeading
        self.valueHeading = valueHeading
        self.width = width
        self.height = height
    }

    public var size: Size { Size(width: width, height: height) }

    public var alternative: TextAlternative {
        TextAlternative(title: caption.title, summary: "Treemap: " + Shares(items).summary(noun: "categories", format: format))
    }

    public var table: DataTable {
        Shares(items).table(categoryHeading: categoryHeading, valueHeading: valueHeading, format: format)
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        var plot = canvas.drawFrame(caption, theme: theme)
        let shares = Shares(items)
        guard shares.total > 0 else { return canvas.drawMessage("No data", in: plot, theme: theme) }
        let groups = orderedGroups(shares.items)
        if !groups.isEmpty {
            let height = canvas.drawLegend(
                groups.enumerated().map { ($1, Palette.categorical[$0 % Palette.categorical.count]) },
                x: plot.x, y: plot.y - 4, width: plot.width, theme: theme)
            plot.y += height + 6
            plot.height -= height + 6
        }
        let rects = Squarify.layout(shares.items.map(\.value), in: plot)
        for (rank, (item, rect)) in zip(shares.items, rects).enumerated() {
            let fill = color(for: item, rank: rank, count: shares.items.count, groups: groups, theme: theme)
            canvas.fillRectangle(x: rect.x, y: rect.y, width: rect.width, height: rect.height, color: fill)
            canvas.strokeRectangle(x: rect.x, y: rect.y, width: rect.width, height: rect.height, color: theme.background, lineWidth: 1.5)
            drawLabel(item, share: shares.share(item), rect: rect, fill: fill, canvas: canvas, theme: theme)
        }
    }

    /// Name and "value · share" inside the cell: the name at full size if it fits, else smaller,
    /// else shortened (but never to a stub of fewer than four letters); numbers are never cut.
    private func drawLabel(_ item: ShareItem, share: Double, rect: Rect, fill: RGBA, canvas: CairoCanvas, theme: Theme) {
        let ink = fill.contrastingText(dark: theme.title)
        let room = rect.width - 10
        guard room > 24, rect.height > 18 else { return }
        let name = TextSafety.clean(item.label)
        var size = theme.labelSize
        canvas.setFont(size: size, bold: true)
        if canvas.textWidth(name) > room {
            size = theme.smallSize
            canvas.setFont(size: size, bold: true)
        }
        let shown = canvas.truncate(name, toWidth: room)
        guard shown == name || shown.count >= 5 else { return }
        canvas.drawText(shown, x: rect.x + 5, y: rect.y + 4 + size, color: ink, themed: false, fullText: shown == name ? nil : name)
        guard rect.height > 22 + 2 * size else { return }
        canvas.setFont(size: max(size - 0.5, theme.smallSize))
        let value = format.format(item.value)
        let full = "\(value) · \(HumanNumber.percent.format(share))"
        let detail = canvas.textWidth(full) <= room ? full : canvas.textWidth(value) <= room ? value : nil
        if let detail { canvas.drawText(detail, x: rect.x + 5, y: rect.y + 8 + 2 * size, color: ink, themed: false) }
    }

    private func orderedGroups(_ items: [ShareItem]) -> [String] {
        var seen: [String] = []
        for item in items { if let group = item.group, !seen.contains(group) { seen.append(group) } }
        return seen
    }

    /// Group colour when groups are given; otherwise one hue, darker for larger cells.
    private func color(for item: ShareItem, rank: Int, count: Int, groups: [String], theme: Theme) -> RGBA {
        if let group = item.group, let index = groups.firstIndex(of: group) {
            return Palette.categorical[index % Palette.categorical.count]
        }
        let t = count > 1 ? Double(rank) / Double(count - 1) : 0
        return ColorSpace.rgb(LabColor(l: 38 + 42 * t, a: -4 - 4 * t, b: -30 + 14 * t))
    }
}

/// Squarified treemap layout (Bruls, Huizing and van Wijk, 2000): rows of cells whose aspect
/// ratios stay close to 1.
enum Squarify {
    /// Rectangles for `values` (sorted largest first, all positive) filling `rect`.
    static func layout(_ values: [Double], in rect: Rect) -> [Rect] {
        let total = values.reduce(0, +)
        guard total > 0, rect.width > 0, rect.height > 0 else { return values.map { _ in Rect(x: rect.x, y: rect.y, width: 0, height: 0) } }
        let scale = rect.width * rect.height / total
        let areas = values.map { $0 * scale }
        var result: [Rect] = []
        var remaining = rect
        var row: [Double] = []
        for area in areas {
            let side = min(remaining.width, remaining.height)
            if row.isEmpty || worst(row + [area], side: side) <= worst(row, side: side) {
                row.append(area)
            } else {
                result += place(row, in: &remaining)
                row = [area]
            }
        }
        if !row.isEmpty { result += place(row, in: &remaining) }
        return result
    }

    private static func worst(_ row: [Double], side: Double) -> Double {
        let sum = row.reduce(0, +)
        guard let largest = row.max(), let smallest = row.min(), sum > 0, smallest > 0 else { return .infinity }
        let side2 = side * side
        return max(side2 * largest / (sum * sum), sum * sum / (side2 * smallest))
    }

    /// Lays a row along the shorter side of `remaining` and shrinks it.
    private static func place(_ row: [Double], in remaining: inout Rect) -> [Rect] {
        let sum = row.reduce(0, +)
        var rects: [Rect] = []
        if remaining.width >= remaining.height {
            let columnWidth = remaining.height > 0 ? sum / remaining.height : 0
            var y = remaining.y
            for area in row {
                let h = columnWidth > 0 ? area / columnWidth : 0
                rects.append(Rect(x: remaining.x, y: y, width: columnWidth, height: h))
                y += h
            }
            remaining.x += columnWidth
            remaining.width = max(0, remaining.width - columnWidth)
        } else {
            let rowHeight = remaining.width > 0 ? sum / remaining.width : 0
            var x = remaining.x
            for area in row {
                let w = rowHeight > 0 ? area / rowHeight : 0
                rects.append(Rect(x: x, y: remaining.y, width: w, height: rowHeight))
                x += w
            }
            remaining.y += rowHeight
            remaining.height = max(0, remaining.height - rowHeight)
        }
        return rects
    }
}

extension Treemap {
    public func narrowed(toWidth width: Double) -> any Chart {
        var chart = self
        chart.width = width
        return chart
    }
}
