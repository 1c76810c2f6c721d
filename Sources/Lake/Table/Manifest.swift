import Foundation
import RxCore

/// `_manifest.json`: the commit record of a table. Readers read only the files it lists.
/// Encoded with sorted keys and no timestamps, so the same table gives the same manifest.
public struct TableManifest: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        /// Path relative to the table directory, e.g. `year=2022/part-v000002-00000.parquet`.
        public var path: String
        /// Partition column → value as text (nil for a null partition value).
        public var partition: [String: String?]
        public var rows: Int
        public var bytes: Int
        public var sha256: String
    }

    public var format: String = "rxpipe-lake-manifest"
    public var manifestVersion: Int = 1
    public var zone: String
    public var table: String
    /// Increases by one with every commit; part files carry it in their names.
    public var version: Int
    public var rxpipeVersion: String
    public var schemaVersion: String
    /// The full schema, partition columns included.
    public var schema: [Field]
    public var partitionColumns: [String]
    public var files: [File]
    public var rowCount: Int
    /// SHA-256 over the partitions and file hashes: equal tables have equal content hashes.
    public var contentHash: String
    /// What the writer was given (e.g. hashes of source files), to skip unchanged inputs.
    public var inputFingerprint: String?
    /// Stage-specific facts about this version (e.g. cleanse's reconciliation counts), keyed
    /// by a dotted name; absent when a stage records none.
    public var properties: [String: String]?

    enum CodingKeys: String, CodingKey {
        case format, zone, table, version, schema, files
        case manifestVersion = "manifest_version"
        case rxpipeVersion = "rxpipe_version"
        case schemaVersion = "schema_version"
        case partitionColumns = "partition_columns"
        case rowCount = "row_count"
        case contentHash = "content_hash"
        case inputFingerprint = "input_fingerprint"
        case properties
    }

    /// Distinct partitions, in file order.
    public var partitions: [[String: String?]] {
        var seen = [[String: String?]]()
        for f in files where !seen.contains(f.partition) { seen.append(f.partition) }
        return seen
    }

    func encoded() throws -> Data { try CanonicalJSON.encode(self) }

    public static func decode(_ data: Data, path: String) throws -> TableManifest {
        do {
            let m = try JSONDecoder().decode(TableManifest.self, from: data)
            guard m.format == "rxpipe-lake-manifest" else { throw LakeError.table(path: path, reason: "not an rxpipe manifest (format \(m.format))") }
            return m
        } catch let e as LakeError {
            throw e
        } catch {
            throw LakeError.table(path: path, reason: "unreadable manifest: \(error)")
        }
    }
}
