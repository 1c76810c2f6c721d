/// A small US map locating one state (for state pages): the state in the highlight colour, the
/// rest in light grey, and a ring around states too small to see.
///
/// Without a `highlight` it is the shared locator: one SVG for every state page, which names
/// its state in the image's fragment (`us-locator.svg#ca`, see `fragment(for:)`) and lets the
/// SVG's `:target` style highlight it — 52 pages share one 60 KB file instead of 52 maps of
/// 217 KB each.
public struct LocatorMap: Chart, DarkModeReady {
    public var geometry: USStateGeometry
    /// Postal code of the state to highlight (unknown codes highlight nothing); nil for the
    /// shared map whose SVG highlights the state named by its URL fragment.
    public var highlight: String?
    public var width: Double

    /// The URL fragment that highlights `postal` in the shared map's SVG.
    public static func fragment(for postal: String) -> String { StateShapesSVG.locatorID(postal) }

    public init(geometry: USStateGeometry, highlight: String? = nil, width: Double = 300) {
        self.geometry = geometry
        self.highlight = highlight
        self.width = width
    }

    var scale: Double { (width - 8) / geometry.width }

    public var size: Size { Size(width: width, height: (geometry.height * scale + 16).rounded(.up)) }

    var name: String {
        guard let highlight else { return "the United States" }
        return geometry.state(highlight)?.name ?? TextSafety.clean(highlight)
    }

    public var alternative: TextAlternative {
        guard let highlight else {
            return TextAlternative(title: "Location of a state", summary: "Map of the United States locating one state.")
        }
        let found = geometry.state(highlight) != nil
        return TextAlternative(
            title: "Location of \(name)",
            summary: found ? "Map of the United States with \(name) highlighted." : "Map of the United States; \(name) is not on the map.")
    }

    public var table: DataTable {
        DataTable(columns: ["State", "Postal code"], rows: highlight.flatMap(geometry.state).map { [[$0.name, $0.postal]] } ?? [])
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        canvas.fillRectangle(x: 0, y: 0, width: width, height: size.height, color: theme.background)
        let transform = MapTransform(scale: scale, origin: Point(x: 4, y: 4))
        let base = RGBA(hex: 0xD5DAE0)
        canvas.save()
        canvas.clip(x: 4, y: 4, width: geometry.width * scale, height: geometry.height * scale)
        canvas.drawInsetFrames(geometry, transform: transform, color: theme.grid)
        if canvas.format == .svg, highlight == nil {
            canvas.restore()
            canvas.appendSVG(StateShapesSVG.locator(geometry, transform: transform, theme: theme))
            return
        }
        for state in geometry.states where state.postal != highlight {
            canvas.drawState(state, transform: transform, fill: base, border: theme.border, borderWidth: 0.4)
        }
        if let target = highlight.flatMap(geometry.state) {
            canvas.drawState(target, transform: transform, fill: theme.highlight, border: theme.highlight, borderWidth: 0.4)
        }
        canvas.restore()
        // A ring around states too small to spot (DC, RI, DE, PR, …), drawn outside the clip.
        if let target = highlight.flatMap(geometry.state) {
            let extent = max(target.bounds.width, target.bounds.height) * scale
            if extent < 20 {
                canvas.newPath()
                canvas.arc(center: transform(target.bounds.center), radius: max(7, extent / 2 + 4), from: 0, to: 2 * Double.pi)
                canvas.stroke(theme.highlight, width: 1.5)
            }
        }
    }
}
