import Foundation
import RxCore

/// A choropleth of US states: values classed (quantile or equal interval) onto a colour-blind-
/// safe palette, a legend with class bounds, a distinct "no data" fill, DC as an inset marker,
/// labels inside states where they fit and off-shore for small north-eastern states.
public struct ChoroplethMap: Chart, DarkModeReady {
    public var caption: ChartCaption
    public var geometry: USStateGeometry
    /// Values by postal code (e.g. "CA"); missing or NaN → no data.
    public var values: [String: Double]
    public var classification: Classification
    public var palette: MapPalette
    public var format: HumanNumber
    /// Title of the legend, e.g. "Claims per 1,000 residents".
    public var legendTitle: String?
    public var valueHeading: String
    public var width: Double

    public init(
        caption: ChartCaption, geometry: USStateGeometry, values: [String: Double],
        classification: Classification = .quantile(classes: 5), palette: MapPalette = .sequential,
        format: HumanNumber = .compact, legendTitle: String? = nil, valueHeading: String = "Value", width: Double = 720
    ) {
        self.caption = caption
        self.geometry = geometry
        self.values = values
        self.classification = classification
        self.palette = palette
        self.format = format
        self.legendTitle = legendTitle
        self.valueHeading = valueHeading
        self.width = width
    }

    static let legendHeight = 58.0

    var mapScale: Double { (width - 2 * Theme.standard.margin) / geometry.width }

    public var size: Size {
        let frame = CairoCanvas.frameHeight(caption, theme: .standard)
        return Size(width: width, height: (frame.top + geometry.height * mapScale + Self.legendHeight + frame.bottom).rounded(.up))
    }

    func value(_ state: USStateGeometry.State) -> Double? {
        guard let v = values[state.postal], v.isFinite else { return nil }
        return v
    }

    var breaks: ClassBreaks {
        ClassBreaks.compute(geometry.states.compactMap(value), classification: classification, palette: palette)
    }

    public var alternative: TextAlternative {
        let present = geometry.states.compactMap { s in value(s).map { (s.name, $0) } }
        let missing = geometry.states.count - present.count
        guard let top = present.max(by: { $0.1 < $1.1 }), let bottom = present.min(by: { $0.1 < $1.1 }) else {
            return TextAlternative(title: caption.title, summary: "Map of US states with no data to show.")
        }
        var summary = "Map of \(present.count) states and territories"
        if present.count == 1 || top.1 == bottom.1 {
            summary += present.count == 1 ? ": \(top.0) at \(format.format(top.1))" : ", all at \(format.format(top.1))"
        } else {
            summary += ": highest \(top.0) at \(format.format(top.1)), lowest \(bottom.0) at \(format.format(bottom.1))"
        }
        if missing > 0 { summary += "; \(missing) without data" }
        return TextAlternative(title: caption.title, summary: summary + ".")
    }

    public var table: DataTable {
        let breaks = breaks
        let states = geometry.states.sorted { $0.name < $1.name }
        let shown = states.map { state in value(state).flatMap { breaks.classIndex($0) == nil ? nil : $0 } }
        let texts = format.column(shown)
        let rows = states.indices.map { i -> [String] in
            guard let v = shown[i], let index = breaks.classIndex(v) else { return [states[i].name, HumanNumber.missing, "No data"] }
            return [states[i].name, texts[i], breaks.label(index, format: format)]
        }
        return DataTable(columns: ["State", valueHeading, "Class"], rows: rows)
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        let plot = canvas.drawFrame(caption, theme: theme)
        let scale = mapScale
        let transform = MapTransform(scale: scale, origin: Point(x: plot.x, y: plot.y))
        let breaks = breaks
        let colors = breaks.colors(palette)
        let fillOf: (USStateGeometry.State) -> RGBA = { state in
            guard let v = value(state), let index = breaks.classIndex(v) else { return theme.noData }
            return colors[index]
        }
        canvas.save()
        canvas.clip(x: plot.x, y: plot.y, width: geometry.width * scale, height: geometry.height * scale)
        canvas.drawInsetFrames(geometry, transform: transform, color: theme.grid)
        if canvas.format == .svg {
            canvas.appendSVG(StateShapesSVG.choropleth(
                geometry, transform: transform, fill: { value($0) == nil ? nil : fillOf($0) }, theme: theme))
        } else {
            for state in geometry.states {
                canvas.drawState(
                    state, transform: transform, fill: fillOf(state), border: theme.border, borderWidth: 0.6,
                    hatchWith: value(state) == nil ? theme : nil)
            }
        }
        drawLabels(on: canvas, transform: transform, fillOf: fillOf, theme: theme)
        canvas.restore()
        let legendTop = plot.y + geometry.height * scale + 6
        MapLegend(breaks: breaks, colors: colors, format: format, title: legendTitle, showNoData: geometry.states.contains { value($0) == nil })
            .draw(on: canvas, x: plot.x, y: legendTop, width: plot.width, theme: theme)
    }

    /// Postal codes inside states where they fit; small eastern states and DC get an off-shore
    /// label with a leader line (DC also a marker swatch, since its polygon is a few pixels).
    private func drawLabels(on canvas: CairoCanvas, transform: MapTransform, fillOf: (USStateGeometry.State) -> RGBA, theme: Theme) {
        let fontSize = max(6.5, min(9.5, 9.5 * transform.scale / 0.72))
        for state in geometry.states {
            canvas.setFont(size: fontSize, bold: true)
            let text = TextSafety.clean(state.postal)
            let textWidth = canvas.textWidth(text)
            let fill = fillOf(state)
            let fits = state.labelRoom * transform.scale >= textWidth + 8 && state.labelHeight * transform.scale >= fontSize * 2
            if let spot = MapCallouts.positions[state.postal] {
                let anchor = transform(state.postal == "DC" ? state.bounds.center : state.labelPoint)
                let p = transform(spot)
                let swatch = 7.0 * max(0.6, transform.scale / 0.72)
                // Text goes on the side away from the state, the leader meets the near edge.
                let leftward = p.x < anchor.x
                let edge = leftward ? p.x + swatch / 2 : p.x - swatch / 2
                let box = Rect(x: p.x - swatch / 2, y: p.y - swatch / 2, width: swatch, height: swatch)
                if canvas.format == .svg {
                    // Drawn after the shapes (which are SVG markup too), so the leader stays visible.
                    canvas.appendSVG(MapCalloutSVG.markup(
                        from: anchor, to: Point(x: edge, y: p.y), swatch: box, fill: value(state) == nil ? nil : fill, theme: theme))
                } else {
                    canvas.strokeLine(from: (anchor.x, anchor.y), to: (edge, p.y), color: theme.axis, width: 0.6)
                    canvas.fillRectangle(x: box.x, y: box.y, width: swatch, height: swatch, color: fill)
                    if value(state) == nil {
                        canvas.save()
                        canvas.clip(x: box.x, y: box.y, width: box.width, height: box.height)
                        canvas.hatch(box, theme: theme)
                        canvas.restore()
                    }
                    canvas.strokeRectangle(x: box.x, y: box.y, width: swatch, height: swatch, color: theme.axis, lineWidth: 0.5)
                }
                canvas.setFont(size: fontSize)
                let offset = swatch / 2 + 3
                canvas.text(text, x: leftward ? p.x - offset : p.x + offset, y: canvas.baselineCentered(on: p.y), align: leftward ? .right : .left, color: theme.text)
            } else if fits {
                let p = transform(state.labelPoint)
                // Ink on a class colour keeps its colour in dark mode; on the no-data pattern
                // (which turns dark) it follows the scheme.
                canvas.text(
                    text, x: p.x, y: canvas.baselineCentered(on: p.y), align: .center, color: fill.contrastingText(dark: theme.title),
                    onFill: value(state) != nil)
            }
        }
    }
}
