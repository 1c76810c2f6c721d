/// Polygon helpers for the map: bounds, area, centroids and label placement.
enum GeometryMath {
    static func state(postal: String, fips: String, name: String, polygons: [[[Point]]]) -> USStateGeometry.State {
        let all = polygons.flatMap { $0[0] }
        let bounds = boundsOf(all)
        let largest = polygons.max { abs(area($0[0])) < abs(area($1[0])) }![0]
        let largestBounds = boundsOf(largest)
        let centre = centroid(largest)
        // The label sits on the widest interior run at the centroid's height (the centroid of a
        // concave state such as Florida or Michigan can fall outside it).
        var best = (x: centre.x, width: 0.0)
        for run in interiorRuns(largest, y: centre.y) where run.1 - run.0 > best.width {
            best = ((run.0 + run.1) / 2, run.1 - run.0)
        }
        let labelPoint = Point(x: best.width > 0 ? best.x : largestBounds.midX, y: centre.y)
        return USStateGeometry.State(
            postal: postal, fips: fips, name: name, polygons: polygons, bounds: bounds, labelPoint: labelPoint,
            labelRoom: best.width, labelHeight: largestBounds.height)
    }

    static func boundsOf(_ points: [Point]) -> Rect {
        guard let first = points.first else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for p in points {
            minX = min(minX, p.x)
            maxX = max(maxX, p.x)
            minY = min(minY, p.y)
            maxY = max(maxY, p.y)
        }
        return Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    /// Signed shoelace area.
    static func area(_ ring: [Point]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        for i in ring.indices {
            let a = ring[i]
            let b = ring[(i + 1) % ring.count]
            sum += a.x * b.y - b.x * a.y
        }
        return sum / 2
    }

    static func centroid(_ ring: [Point]) -> Point {
        let a = area(ring)
        guard abs(a) > 1e-9 else { return boundsOf(ring).center }
        var cx = 0.0
        var cy = 0.0
        for i in ring.indices {
            let p = ring[i]
            let q = ring[(i + 1) % ring.count]
            let cross = p.x * q.y - q.x * p.y
            cx += (p.x + q.x) * cross
            cy += (p.y + q.y) * cross
        }
        return Point(x: cx / (6 * a), y: cy / (6 * a))
    }

    /// The x-intervals where the horizontal line at `y` is inside `ring`.
    static func interiorRuns(_ ring: [Point], y: Double) -> [(Double, Double)] {
        var crossings: [Double] = []
        for i in ring.indices {
            let a = ring[i]
            let b = ring[(i + 1) % ring.count]
            if (a.y <= y && b.y > y) || (b.y <= y && a.y > y) {
                crossings.append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x))
            }
        }
        crossings.sort()
        return stride(from: 0, to: crossings.count - 1, by: 2).map { (crossings[$0], crossings[$0 + 1]) }
    }
}

extension Rect {
    var center: Point { Point(x: midX, y: midY) }
}
