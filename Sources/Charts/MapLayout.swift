/// Where the map's frame (975 × 610 geometry pixels) sits on the canvas.
struct MapTransform {
    var scale: Double
    var origin: Point

    func callAsFunction(_ p: Point) -> Point {
        Point(x: origin.x + p.x * scale, y: origin.y + p.y * scale)
    }
}

/// Off-shore label positions (geometry pixels) for states too small or too ragged to label
/// inside (always used for these), including the DC inset marker. Chosen by eye on the 975 × 610 Albers USA frame: all in the Atlantic.
enum MapCallouts {
    static let positions: [String: Point] = [
        "MA": Point(x: 944, y: 170), "RI": Point(x: 930, y: 196), "CT": Point(x: 922, y: 216),
        "NJ": Point(x: 893, y: 234), "DE": Point(x: 890, y: 255), "MD": Point(x: 890, y: 274),
        "DC": Point(x: 890, y: 296), "VT": Point(x: 846, y: 92), "NH": Point(x: 884, y: 80),
        "PR": Point(x: 862, y: 591), "HI": Point(x: 262, y: 546),
    ]
    /// Insets drawn with a light frame so they read as insets (geometry pixels).
    static let insetFrames: [String: Rect] = [
        "AK": Rect(x: 0, y: 458, width: 208, height: 150),
        "HI": Rect(x: 212, y: 522, width: 124, height: 86),
        "PR": Rect(x: 894, y: 577, width: 72, height: 28),
    ]
}

extension CairoCanvas {
    /// Fills one state (all polygons, even-odd), hatches it when it has no data, then strokes
    /// its border on top so borders stay visible over the hatch.
    func drawState(
        _ state: USStateGeometry.State, transform: MapTransform, fill: RGBA, border: RGBA, borderWidth: Double,
        hatchWith theme: Theme? = nil
    ) {
        statePath(state, transform: transform)
        self.fill(fill)
        if let theme {
            save()
            statePath(state, transform: transform)
            clipPath()
            let box = Rect(
                x: transform.origin.x + state.bounds.x * transform.scale, y: transform.origin.y + state.bounds.y * transform.scale,
                width: state.bounds.width * transform.scale, height: state.bounds.height * transform.scale)
            hatch(box, theme: theme)
            restore()
        }
        statePath(state, transform: transform)
        stroke(border, width: borderWidth, roundJoins: false)
    }

    private func statePath(_ state: USStateGeometry.State, transform: MapTransform) {
        newPath()
        for polygon in state.polygons {
            for ring in polygon {
                let first = transform(ring[0])
                moveTo(first.x, first.y)
                for point in ring.dropFirst() {
                    let p = transform(point)
                    lineTo(p.x, p.y)
                }
                closePath()
            }
        }
    }

    /// Diagonal hatch lines across `box` (call inside a clip).
    func hatch(_ box: Rect, theme: Theme) {
        let spacing = 4.0
        var offset = -box.height
        while offset < box.width {
            strokeLine(from: (box.x + offset, box.maxY), to: (box.x + offset + box.height, box.y), color: theme.noDataHatch, width: 0.7)
            offset += spacing
        }
    }

    /// Light frames around the AK, HI and PR insets.
    func drawInsetFrames(_ geometry: USStateGeometry, transform: MapTransform, color: RGBA) {
        for (postal, frame) in MapCallouts.insetFrames.sorted(by: { $0.key < $1.key }) where geometry.state(postal) != nil {
            let origin = transform(Point(x: frame.x, y: frame.y))
            strokeRectangle(
                x: origin.x.rounded() + 0.5, y: origin.y.rounded() + 0.5, width: (frame.width * transform.scale).rounded(),
                height: (frame.height * transform.scale).rounded(), color: color, lineWidth: 0.75)
        }
    }
}
