import Foundation

/// US state outlines in screen pixels (Albers USA with Alaska, Hawaii and Puerto Rico insets),
/// from `assets/us-states-albers.json`. Loaded once per file and cached: every state page's
/// locator map shares one decoded copy.
public struct USStateGeometry: Sendable {
    public struct State: Sendable {
        public let postal: String
        public let fips: String
        public let name: String
        /// Polygons → rings → points; ring 0 of each polygon is its outline, others are holes.
        let polygons: [[[Point]]]
        /// Bounds of all polygons.
        let bounds: Rect
        /// Where a label goes: inside the largest polygon, on its widest horizontal run.
        let labelPoint: Point
        /// Width of the polygon around `labelPoint` at label height (0 if unknown).
        let labelRoom: Double
        /// Height of the largest polygon.
        let labelHeight: Double
    }

    /// Frame size the coordinates refer to (975 × 610).
    public let width: Double
    public let height: Double
    public let states: [State]

    public func state(_ postal: String) -> State? {
        states.first { $0.postal == postal }
    }

    /// Reads and decodes the geometry file once; later calls with the same path return the
    /// cached copy.
    public static func load(from url: URL) throws(ChartError) -> USStateGeometry {
        let key = url.standardizedFileURL.path
        if let cached = GeometryCache.shared.get(key) { return cached }
        let geometry = try decode(url: url)
        GeometryCache.shared.set(key, geometry)
        return geometry
    }

    /// Decodes geometry held in memory (the copy compiled into rxpipe); `name` keys the cache
    /// and names it in messages.
    public static func load(bytes: [UInt8], name: String) throws(ChartError) -> USStateGeometry {
        if let cached = GeometryCache.shared.get(name) { return cached }
        let geometry = try decode(data: Data(bytes), path: name)
        GeometryCache.shared.set(name, geometry)
        return geometry
    }

    static func decode(url: URL) throws(ChartError) -> USStateGeometry {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .geometry(path: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode(data: data, path: path)
    }

    static func decode(data: Data, path: String) throws(ChartError) -> USStateGeometry {
        let file: GeometryFile
        do {
            file = try JSONDecoder().decode(GeometryFile.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw .geometry(path: path, reason: "not valid JSON: \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw .geometry(path: path, reason: "missing key \"\(key.stringValue)\" at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
            throw .geometry(path: path, reason: "unexpected structure (\(error))")
        }
        guard file.width > 0, file.height > 0 else { throw .geometry(path: path, reason: "width and height must be positive") }
        var states: [State] = []
        for entry in file.states {
            var polygons: [[[Point]]] = []
            for polygon in entry.polygons {
                var rings: [[Point]] = []
                for ring in polygon {
                    var points: [Point] = []
                    for pair in ring {
                        guard pair.count == 2, pair[0].isFinite, pair[1].isFinite else {
                            throw .geometry(path: path, reason: "state \(entry.postal) has a point that is not an [x, y] pair")
                        }
                        points.append(Point(x: pair[0], y: pair[1]))
                    }
                    if points.count >= 3 { rings.append(points) }
                }
                if !rings.isEmpty { polygons.append(rings) }
            }
            guard !polygons.isEmpty else { throw .geometry(path: path, reason: "state \(entry.postal) has no polygon") }
            states.append(GeometryMath.state(postal: entry.postal, fips: entry.fips, name: entry.name, polygons: polygons))
        }
        guard !states.isEmpty else { throw .geometry(path: path, reason: "no states") }
        return USStateGeometry(width: file.width, height: file.height, states: states)
    }
}

/// The JSON layout of `us-states-albers.json`.
private struct GeometryFile: Decodable {
    struct Entry: Decodable {
        let fips: String
        let postal: String
        let name: String
        let polygons: [[[[Double]]]]
    }
    let width: Double
    let height: Double
    let states: [Entry]
}

/// Decoded geometry by file path, shared by every thread.
/// Unchecked: the dictionary is read and filled under its NSLock; the decoded geometry is immutable.
private final class GeometryCache: @unchecked Sendable {
    static let shared = GeometryCache()
    private let lock = NSLock()
    private var entries: [String: USStateGeometry] = [:]
    func get(_ key: String) -> USStateGeometry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }
    func set(_ key: String, _ value: USStateGeometry) {
        lock.lock()
        entries[key] = value
        lock.unlock()
    }
}
