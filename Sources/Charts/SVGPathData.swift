/// Compact SVG path data for state outlines.
///
/// cairo writes every vertex as two six-decimal absolute numbers, about 230 KB for one US map.
/// Here a vertex is rounded to a tenth of a point (far below what a screen or printer shows at
/// the map's size) and written as a relative step, which makes the same map about a quarter of
/// that. Rounding happens on absolute tenths, so the relative steps never drift; vertices that
/// round onto the previous one are dropped.
enum SVGPathData {
    static func outline(_ polygons: [[[Point]]], transform: MapTransform) -> String {
        var out = ""
        out.reserveCapacity(polygons.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } * 7)
        for polygon in polygons {
            for ring in polygon {
                var previous: (Int, Int)? = nil
                var steps = 0
                var start = out.endIndex
                for point in ring {
                    let p = transform(point)
                    let current = (Int((p.x * 10).rounded()), Int((p.y * 10).rounded()))
                    guard let last = previous else {
                        start = out.endIndex
                        out += "M" + tenths(current.0) + separated(current.1)
                        previous = current
                        continue
                    }
                    if current == last { continue }
                    out += steps == 0 ? "l" + tenths(current.0 - last.0) : separated(current.0 - last.0)
                    out += separated(current.1 - last.1)
                    previous = current
                    steps += 1
                }
                if steps < 2 {
                    // A ring that collapses to a point or a line at this scale draws nothing.
                    out.removeSubrange(start...)
                } else {
                    out += "z"
                }
            }
        }
        return out
    }

    /// A number of tenths as the shortest decimal: 12 → "1.2", 10 → "1", 5 → ".5", −5 → "-.5".
    static func tenths(_ value: Int) -> String {
        let magnitude = value.magnitude
        let whole = magnitude / 10, fraction = magnitude % 10
        var text = value < 0 ? "-" : ""
        if whole > 0 || fraction == 0 { text += String(whole) }
        if fraction > 0 { text += "." + String(fraction) }
        return text
    }

    /// The number with the separator SVG needs before it: none before a minus sign.
    private static func separated(_ value: Int) -> String {
        value < 0 ? tenths(value) : " " + tenths(value)
    }
}
