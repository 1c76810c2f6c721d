/// A small US map locating one state (for state pages): the state in the highlight colour, the
/// rest in light grey, and a ring around states too small to see.
public struct LocatorMap: Chart {
    public var geometry: USStateGeometry
    /// Postal code of the state to highlight (unknown codes highlight nothing).
    public var highlight: String
    public var width: Double

    public init(geometry: USStateGeometry, highlight: String, width: Double = 300) {
        self.geometry = geometry
        self.highlight = highlight
        self.width = width
    }

    var scale: Double { (width - 8) / geometry.width }

    public var size: Size { Size(width: width, height: (geometry.height * scale + 16).rounded(.up)) }

    var name: String { geometry.state(highlight)?.name ?? TextSafety.clean(highlight) }

    public var alternative: TextAlternative {
        let found = geometry.state(highlight) != nil
        return TextAlternative(
            title: "Location of \(name)",
            summary: found ? "Map of the United States with \(name) highlighted." : "Map of the United States; \(name) is not on the map.")
    }

    public var table: DataTable {
        DataTable(columns: ["State", "Postal code"], rows: geometry.state(highlight).map { [[$0.name, $0.postal]] } ?? [])
    }

    public func draw(on canvas: CairoCanvas, theme: Theme) {
        canvas.fillRectangle(x: 0, y: 0, width: width, height: size.height, color: theme.background)
        let transform = MapTransform(scale: scale, origin: Point(x: 4, y: 4))
        let base = RGBA(hex: 0xD5DAE0)
        canvas.save()
        canvas.clip(x: 4, y: 4, width: geometry.width * scale, height: geometry.height * scale)
        canvas.drawInsetFrames(geometry, transform: transform, color: theme.grid)
        for state in geometry.states where state.postal != highlight {
            canvas.drawState(state, transform: transform, fill: base, border: theme.border, borderWidth: 0.4)
        }
        if let target = geometry.state(highlight) {
            canvas.drawState(target, transform: transform, fill: theme.highlight, border: theme.highlight, borderWidth: 0.4)
        }
        canvas.restore()
        // A ring around states too small to spot (DC, RI, DE, PR, …), drawn outside the clip.
        if let target = geometry.state(highlight) {
            let extent = max(target.bounds.width, target.bounds.height) * scale
            if extent < 20 {
                canvas.newPath()
                canvas.arc(center: transform(target.bounds.center), radius: max(7, extent / 2 + 4), from: 0, to: 2 * Double.pi)
                canvas.stroke(theme.highlight, width: 1.5)
            }
        }
    }
}
