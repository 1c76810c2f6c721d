import Foundation

/// A lake directory: `<root>/<zone>/<table>/` with Hive partitions and `_manifest.json`.
public struct Lake: Sendable {
    public let root: String
    /// The zones of the architecture, in pipeline order.
    public static let zones = ["raw", "cleansed", "quarantine", "curated"]

    public init(root: String) { self.root = root }

    /// A table reference such as `raw/prescriber_drug`.
    public struct TableName: Sendable, Equatable, CustomStringConvertible {
        public let zone: String
        public let table: String
        public var description: String { "\(zone)/\(table)" }

        public init(zone: String, table: String) throws {
            guard Lake.zones.contains(zone) else {
                throw LakeError.invalidInput("unknown zone \(zone); zones are \(Lake.zones.joined(separator: ", "))")
            }
            guard !table.isEmpty, table.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
                throw LakeError.invalidInput("table name \(table) must use only a-z, 0-9 and _")
            }
            self.zone = zone
            self.table = table
        }

        /// Parses `zone/table`.
        public init(parsing text: String) throws {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw LakeError.invalidInput("expected <zone>/<table>, got \(text)") }
            try self.init(zone: String(parts[0]), table: String(parts[1]))
        }
    }

    public func directory(_ name: TableName) -> String { "\(root)/\(name.zone)/\(name.table)" }

    /// Committed tables of one zone (or all zones), sorted.
    public func tables(zone: String? = nil) throws -> [TableName] {
        if let zone { _ = try TableName(zone: zone, table: "x") }
        var out = [TableName]()
        for z in zone.map({ [$0] }) ?? Lake.zones {
            for t in FileSystem.list("\(root)/\(z)") where FileSystem.exists("\(root)/\(z)/\(t)/_manifest.json") {
                if let n = try? TableName(zone: z, table: t) { out.append(n) }
            }
        }
        return out
    }

    /// The committed manifest of a table.
    public func manifest(_ name: TableName) throws -> TableManifest {
        let path = directory(name) + "/_manifest.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LakeError.table(path: directory(name), reason: "no committed table here (no _manifest.json)")
        }
        return try TableManifest.decode(data, path: path)
    }

    /// Opens the committed version of a table for reading.
    public func open(_ name: TableName) throws -> LakeTable {
        LakeTable(directory: directory(name), manifest: try manifest(name))
    }
}
