import Foundation
import Lake
import RxCore

/// Where profiles live, `<lake>/profiles/<zone>/<table>.json`, and how they are written:
/// to a temporary file beside the target, flushed, then renamed over it, so a reader sees
/// the old profile or the new one and never a part.
public struct ProfileStore: Sendable {
    /// Zones profiled, in pipeline order (quarantine holds rejected text rows, not profiled).
    public static let zones = ["raw", "cleansed", "curated"]

    public let lake: Lake

    public init(lake: Lake) { self.lake = lake }

    public func path(_ name: Lake.TableName) -> String { "\(lake.root)/profiles/\(name.zone)/\(name.table).json" }

    /// The committed tables of the profiled zones, zone by zone.
    public func tables() throws -> [Lake.TableName] {
        try Self.zones.flatMap { try lake.tables(zone: $0) }
    }

    public func write(_ document: ProfileDocument, for name: Lake.TableName) throws {
        let bytes: [UInt8]
        do {
            bytes = try document.encoded()
        } catch {
            throw ProfileError.write(path: path(name), reason: "the profile is not valid JSON: \(error)")
        }
        do {
            try PlainFile.replace(bytes, at: path(name))
        } catch {
            throw ProfileError.write(path: error.path, reason: error.reason)
        }
    }
}
