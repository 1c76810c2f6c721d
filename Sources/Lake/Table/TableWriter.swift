import Digests
import Foundation
import RxCore

/// Writes a new version of a table and commits it atomically.
///
/// ```swift
/// let w = try TableWriter(lake: lake, table: try .init(zone: "raw", table: "prescriber_drug"),
///                         schema: schema, partitionBy: ["year"])
/// for batch in batches { try w.write(batch) }
/// let manifest = try w.commit()
/// ```
/// Lifecycle: `init` takes the table lock (failing with `LakeError.locked` if another writer
/// holds it) and removes a crashed writer's leftovers. Part files are written under
/// `_staging/`, invisible to readers. `commit` moves them into their Hive partition
/// directories, then renames the new `_manifest.json` into place: that rename is the commit.
/// Files of the replaced version are deleted afterwards. Dropping the writer without
/// `commit` leaves the previous version untouched.
public final class TableWriter {
    public let lake: Lake
    public let name: Lake.TableName
    public let schema: Schema
    public let partitionBy: [String]
    public let options: WriterOptions
    /// Start a new part file in a partition after this many rows.
    public var maxRowsPerFile = 50_000_000
    public var inputFingerprint: String?
    /// Recorded in the manifest's `properties` (nil: none).
    public var properties: [String: String]?

    private let directory: String
    private let staging: String
    private let version: Int
    private var lock: TableLock?
    private let fileSchema: Schema
    private let fileColumnIndices: [Int]
    private let partitionIndices: [Int]
    private var open: [String: (writer: ParquetWriter, relative: String, partition: [String: String?])] = [:]
    private var order: [String] = []
    private var finished: [(WrittenFile, String, [String: String?])] = []
    private var fileCounter = 0
    private var done = false

    public init(lake: Lake, table name: Lake.TableName, schema: Schema, partitionBy: [String] = [],
                options: WriterOptions = WriterOptions(), inputFingerprint: String? = nil) throws {
        try schema.validate()
        self.lake = lake
        self.name = name
        self.schema = schema
        self.partitionBy = partitionBy
        self.options = options
        self.inputFingerprint = inputFingerprint
        var parts = [Int]()
        for p in partitionBy {
            guard let i = schema.index(of: p) else { throw LakeError.invalidInput("partition column \(p) is not in the schema") }
            guard schema.fields[i].type != .double else { throw LakeError.invalidInput("partition column \(p) cannot be a double") }
            parts.append(i)
        }
        partitionIndices = parts
        fileColumnIndices = schema.fields.indices.filter { !parts.contains($0) }
        guard !fileColumnIndices.isEmpty else { throw LakeError.invalidInput("every column is a partition column; nothing is left for the files") }
        fileSchema = Schema(fileColumnIndices.map { schema.fields[$0] })
        directory = lake.directory(name)
        try FileSystem.makeDirectories(directory)
        lock = try TableLock(path: directory + "/_lock", table: name.description)
        let previous = try? lake.manifest(name)
        version = (previous?.version ?? 0) + 1
        staging = "\(directory)/_staging/v\(Self.pad(version, 6))"
        Self.cleanLeftovers(directory: directory, keep: previous)
        try FileSystem.makeDirectories(staging)
    }

    deinit {
        if !done { FileSystem.remove("\(directory)/_staging") }
        lock?.release()
    }

    /// Appends a batch (one vector per schema field). Rows are routed to their partition's
    /// part file; each call adds at least one row group to every partition it touches.
    public func write(_ batch: [ColumnVector]) throws {
        guard !done else { throw LakeError.invalidInput("\(name): write after commit") }
        guard batch.count == schema.fields.count else {
            throw LakeError.invalidInput("\(name): batch has \(batch.count) columns, schema has \(schema.fields.count)")
        }
        let rows = batch.first?.count ?? 0
        guard rows > 0 else { return }
        if partitionIndices.isEmpty {
            try append(key: "", partition: [:], batch: fileColumnIndices.map { batch[$0] })
            return
        }
        // Group rows by partition (first-seen order keeps the output deterministic).
        let (groupOf, groupCount) = Self.partitionGroups(partitionIndices.map { batch[$0] }, rows: rows)
        var members = [[Int32]](repeating: [], count: groupCount)
        var firstRow = [Int](repeating: -1, count: groupCount)
        for r in 0..<rows {
            let g = Int(groupOf[r])
            if firstRow[g] < 0 { firstRow[g] = r }
            members[g].append(Int32(r))
        }
        for g in 0..<groupCount {
            var partition = [String: String?]()
            var key = ""
            for i in partitionIndices {
                let v = batch[i].value(at: firstRow[g])
                let text: String? = v == .null ? nil : v.description
                partition[schema.fields[i].name] = text
                key += HivePath.segment(column: schema.fields[i].name, value: text) + "/"
            }
            let sub = groupCount == 1 ? fileColumnIndices.map { batch[$0] } : fileColumnIndices.map { batch[$0].gather(members[g]) }
            try append(key: key, partition: partition, batch: sub)
        }
    }

    /// A group id per row for the combination of partition values, without per-row
    /// allocation: each column's values get small codes, codes combine pairwise.
    static func partitionGroups(_ columns: [ColumnVector], rows: Int) -> ([Int32], Int) {
        var group = [Int32](repeating: 0, count: rows)
        var count = 1
        for col in columns {
            var codes = [Int32](repeating: 0, count: rows)
            switch col.values {
            case .string(let a):
                var d = StringDictionaryBuilder(expected: 64, maxBytes: Int.max)
                for r in 0..<rows { codes[r] = a.withBytes(r) { d.index($0)! } }
            case .dictionary(let a):
                for r in 0..<rows { codes[r] = a.indices[r] }
            case .boolean(let v): for r in 0..<rows { codes[r] = v[r] ? 1 : 0 }
            case .int32(let v), .date(let v): for r in 0..<rows { codes[r] = v[r] }
            case .int64(let v), .decimal(let v), .timestamp(let v):
                var d = IntDictionaryBuilder(expected: 64, maxEntries: Int.max)
                for r in 0..<rows { codes[r] = d.index(UInt64(bitPattern: v[r]))! }
            case .double(let v):
                var d = IntDictionaryBuilder(expected: 64, maxEntries: Int.max)
                for r in 0..<rows { codes[r] = d.index(v[r].bitPattern)! }
            }
            var combined = IntDictionaryBuilder(expected: 64, maxEntries: Int.max)
            for r in 0..<rows {
                let code: UInt64 = col.isNull(r) ? UInt64(UInt32.max) : UInt64(UInt32(bitPattern: codes[r]))
                let pair = UInt64(UInt32(bitPattern: group[r])) << 32 | (code & 0xFFFF_FFFF)
                group[r] = combined.index(pair)!
            }
            count = combined.keys.count
        }
        return (group, count)
    }

    private func append(key: String, partition: [String: String?], batch: [ColumnVector]) throws {
        if let current = open[key], current.writer.rowCount + batch[0].count > maxRowsPerFile, current.writer.rowCount > 0 {
            finished.append((try current.writer.close(), current.relative, current.partition))
            open[key] = nil
        }
        if open[key] == nil {
            let relative = key + "part-v\(Self.pad(version, 6))-\(Self.pad(fileCounter, 5)).parquet"
            fileCounter += 1
            let path = "\(staging)/\(relative)"
            try FileSystem.makeDirectories((path as NSString).deletingLastPathComponent)
            var o = options
            o.metadata["rxpipe.table"] = name.description
            open[key] = (try ParquetWriter(path: path, schema: fileSchema, options: o), relative, partition)
            if !order.contains(key) { order.append(key) }
        }
        try open[key]!.writer.write(batch)
    }

    /// Publishes the new version: moves part files into place, then renames the manifest.
    @discardableResult
    public func commit() throws -> TableManifest {
        guard !done else { throw LakeError.invalidInput("\(name): committed twice") }
        for key in order { if let o = open[key] { finished.append((try o.writer.close(), o.relative, o.partition)) } }
        open = [:]
        let previous = try? lake.manifest(name)
        var files = [TableManifest.File]()
        for (written, relative, partition) in finished {
            let target = "\(directory)/\(relative)"
            try FileSystem.makeDirectories((target as NSString).deletingLastPathComponent)
            try FileSystem.rename(written.path, target)
            files.append(.init(path: relative, partition: partition, rows: written.rows, bytes: written.bytes, sha256: written.sha256))
        }
        for dir in Set(files.map { ("\(directory)/\($0.path)" as NSString).deletingLastPathComponent }) { FileSystem.syncDirectory(dir) }
        let manifest = TableManifest(
            zone: name.zone, table: name.table, version: version, rxpipeVersion: RxpipeVersion.string,
            schemaVersion: ParquetWriter.schemaVersion, schema: schema.fields, partitionColumns: partitionBy,
            files: files, rowCount: files.reduce(0) { $0 + $1.rows }, contentHash: Self.contentHash(files),
            inputFingerprint: inputFingerprint, properties: properties)
        try FileSystem.writeAtomically(try manifest.encoded(), to: "\(directory)/_manifest.json",
                                       temp: "\(directory)/_manifest.json.tmp-v\(Self.pad(version, 6))")
        done = true
        // The commit is durable; what follows is housekeeping.
        FileSystem.remove("\(directory)/_staging")
        if let previous {
            let kept = Set(files.map(\.path))
            for f in previous.files where !kept.contains(f.path) { FileSystem.remove("\(directory)/\(f.path)") }
            Self.removeEmptyDirectories(directory)
        }
        lock?.release()
        lock = nil
        return manifest
    }

    /// Removes what a crashed writer left: staging files, temporary manifests, and part files
    /// the committed manifest does not list.
    static func cleanLeftovers(directory: String, keep: TableManifest?) {
        FileSystem.remove("\(directory)/_staging")
        let listed = Set(keep?.files.map(\.path) ?? [])
        func walk(_ relative: String) {
            let abs = relative.isEmpty ? directory : "\(directory)/\(relative)"
            for entry in FileSystem.list(abs) {
                let rel = relative.isEmpty ? entry : "\(relative)/\(entry)"
                if relative.isEmpty && entry.hasPrefix("_manifest.json.tmp") { FileSystem.remove("\(directory)/\(rel)"); continue }
                if entry.hasPrefix("_") || entry.hasPrefix(".") { continue }
                if FileSystem.isDirectory("\(directory)/\(rel)") { walk(rel) } else if entry.hasPrefix("part-") && !listed.contains(rel) {
                    FileSystem.remove("\(directory)/\(rel)")
                }
            }
        }
        walk("")
        removeEmptyDirectories(directory)
    }

    static func removeEmptyDirectories(_ directory: String) {
        func walk(_ abs: String) {
            for entry in FileSystem.list(abs) where !entry.hasPrefix("_") && FileSystem.isDirectory("\(abs)/\(entry)") {
                walk("\(abs)/\(entry)")
                if FileSystem.list("\(abs)/\(entry)").isEmpty { FileSystem.remove("\(abs)/\(entry)") }
            }
        }
        walk(directory)
    }

    static func contentHash(_ files: [TableManifest.File]) -> String {
        let lines = files.map { f in
            f.partition.keys.sorted().map { "\($0)=\((f.partition[$0] ?? nil) ?? HivePath.nullValue)" }.joined(separator: "/") + "\t\(f.sha256)\n"
        }.sorted().joined()
        return SHA256.hex(Array(lines.utf8))
    }

    static func pad(_ v: Int, _ n: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, n - s.count)) + s
    }
}
