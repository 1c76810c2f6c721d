import Foundation
import RxCore

/// An open Parquet file: its footer, schema and statistics, and row-group reads.
///
/// ```swift
/// let file = try ParquetFile(path: "part-0.parquet")
/// try file.scan(columns: ["year", "npi"], where: .equals("year", .int64(2022))) { batch in
///     let npi = batch["npi"]!          // ColumnVector
/// }
/// ```
/// Reads are `pread`s of the projected column chunks only; memory is one row group of the
/// projected columns. The type is immutable and `Sendable`.
public final class ParquetFile: Sendable {
    public let path: String
    public let metadata: FileMetaData
    /// The leaf columns, in file order.
    public let columns: [ParquetColumn]
    private let source: FileSource
    /// Largest row count per row group accepted before anything is allocated for it.
    private let rowLimit: Int

    public init(path: String) throws {
        _ = MemoryTuning.applied
        self.path = path
        let source = try FileSource(path: path)
        self.source = source
        let size = source.size
        guard size >= 12 else { throw LakeError.corrupt(file: path, reason: "\(size) bytes is too small for a Parquet file (needs at least 12)") }
        let tail = try source.read(offset: size - 8, count: 8)
        let head = try source.read(offset: 0, count: 4)
        guard Array(tail[4..<8]) == Array("PAR1".utf8) else {
            throw LakeError.corrupt(file: path, reason: "the file does not end with the PAR1 magic (not Parquet, truncated, or encrypted)")
        }
        guard head == Array("PAR1".utf8) else { throw LakeError.corrupt(file: path, reason: "the file does not start with the PAR1 magic") }
        let footerLength = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard footerLength > 0, footerLength <= size - 12 else {
            throw LakeError.corrupt(file: path, reason: "footer length \(footerLength) does not fit in the \(size)-byte file")
        }
        let footer = try source.read(offset: size - 8 - footerLength, count: footerLength)
        let meta: FileMetaData
        do {
            meta = try footer.withUnsafeBytes { raw in
                var r = CompactReader(raw)
                let m = try FileMetaData.read(&r)
                guard r.position == raw.count else {
                    throw FormatError("footer metadata ends at byte \(r.position) of \(raw.count)")
                }
                return m
            }
        } catch let e as FormatError {
            throw LakeError.corrupt(file: path, reason: "footer: \(e.reason)")
        }
        self.metadata = meta
        self.rowLimit = max(1 << 20, size * 1024)
        self.columns = try Self.leaves(meta, path: path)
        try Self.validate(meta, columns: columns, fileSize: size, footerStart: size - 8 - footerLength, rowLimit: rowLimit, path: path)
    }

    public var rowCount: Int { Int(metadata.numRows) }
    public var rowGroupCount: Int { metadata.rowGroups.count }
    public func rowCount(rowGroup: Int) -> Int { Int(metadata.rowGroups[rowGroup].numRows) }

    /// The schema of all columns; throws `unsupported` naming the first column rxpipe cannot read.
    public func schema() throws -> Schema {
        try Schema(columns.map { c in
            guard let f = c.field else { throw LakeError.unsupported(file: path, column: c.name, feature: c.unsupported ?? "this column") }
            return f
        })
    }

    /// Key-value metadata as a dictionary (last value wins).
    public var keyValueMetadata: [String: String] {
        var out = [String: String]()
        for kv in metadata.keyValueMetadata { out[kv.key] = kv.value ?? "" }
        return out
    }

    /// Resolves column names to indices; nil means all columns.
    public func columnIndices(_ names: [String]?) throws -> [Int] {
        guard let names else { return Array(columns.indices) }
        return try names.map { n in
            guard let i = columns.firstIndex(where: { $0.name == n }) else {
                throw LakeError.invalidInput("\(path) has no column named \(n) (columns: \(columns.map(\.name).joined(separator: ", ")))")
            }
            return i
        }
    }

    /// Statistics of one column chunk, decoded into `Value`s of the column's type.
    public func statistics(rowGroup: Int, column: Int) -> ColumnStatistics? {
        guard let meta = metadata.rowGroups[rowGroup].columns[column].metaData, let s = meta.statistics,
              let type = columns[column].type, let physical = columns[column].physicalType
        else { return nil }
        let isString = type == .string
        let minRaw = s.minValue ?? (isString ? nil : s.legacyMin)
        let maxRaw = s.maxValue ?? (isString ? nil : s.legacyMax)
        return ColumnStatistics(
            nullCount: s.nullCount,
            min: minRaw.flatMap { StatisticsCoding.decode($0, type: type, physical: physical, decimalScale: columns[column].decimalScale) },
            max: maxRaw.flatMap { StatisticsCoding.decode($0, type: type, physical: physical, decimalScale: columns[column].decimalScale) },
            nanCount: s.nanCount)
    }

    /// Indices of the row groups that may hold rows matching `predicate` (all when nil).
    public func rowGroups(where predicate: RowGroupPredicate?) -> [Int] {
        guard let predicate else { return Array(metadata.rowGroups.indices) }
        return metadata.rowGroups.indices.filter { mayMatch(predicate, rowGroup: $0) }
    }

    /// Reads the projected columns of one row group.
    public func readRowGroup(_ index: Int, columns names: [String]? = nil, options: ReadOptions = ReadOptions()) throws -> RowGroupBatch {
        try readRowGroup(index, columnIndices: try columnIndices(names), options: options)
    }

    public func readRowGroup(_ index: Int, columnIndices projected: [Int], options: ReadOptions = ReadOptions()) throws -> RowGroupBatch {
        guard metadata.rowGroups.indices.contains(index) else {
            throw LakeError.invalidInput("\(path) has \(metadata.rowGroups.count) row groups; there is no row group \(index)")
        }
        let fields = try projectedFields(projected)
        let results = IndexedSlots<Result<ColumnVector, any Error>>(count: projected.count)
        let keep = options.keepDictionary
        Parallel.forEach(projected.count, parallel: options.parallel) { k in
            results.set(k, Result { try self.readColumnChunk(rowGroup: index, column: projected[k], keepDictionary: keep) })
        }
        let vectors = try results.values().map { try $0.get() }
        return RowGroupBatch(index: index, rowCount: Int(metadata.rowGroups[index].numRows), fields: fields, columns: vectors)
    }

    /// Streams the projected columns row group by row group, skipping row groups whose
    /// statistics rule out `predicate`. Pruning is by row group only: rows inside a kept row
    /// group are not filtered. With `options.parallel`, column chunks are decoded on all cores
    /// ahead of the body, at most `options.window` row groups at a time (the one in the body
    /// included; see `ScanPipeline`), and batches are still delivered in file order.
    public func scan(columns names: [String]? = nil, where predicate: RowGroupPredicate? = nil,
                     options: ReadOptions = ReadOptions(), _ body: (RowGroupBatch) throws -> Void) throws {
        let projected = try columnIndices(names)
        let groups = rowGroups(where: predicate)
        // No projected file columns (only partition columns wanted): row counts only.
        guard options.parallel, !projected.isEmpty else {
            for g in groups { try body(try readRowGroup(g, columnIndices: projected, options: options)) }
            return
        }
        guard !groups.isEmpty else { return }
        let fields = try projectedFields(projected)
        let keep = options.keepDictionary
        let pipeline = ScanPipeline(groups: groups, columns: projected.count, window: options.window) { g, k in
            try self.readColumnChunk(rowGroup: g, column: projected[k], keepDictionary: keep)
        }
        try pipeline.run(workers: ProcessInfo.processInfo.activeProcessorCount) { k, vectors in
            let g = groups[k]
            try body(RowGroupBatch(index: g, rowCount: Int(metadata.rowGroups[g].numRows), fields: fields, columns: vectors))
        }
    }

    private func projectedFields(_ projected: [Int]) throws -> [Field] {
        try projected.map { i in
            guard let f = columns[i].field else {
                throw LakeError.unsupported(file: path, column: columns[i].name, feature: columns[i].unsupported ?? "this column")
            }
            return f
        }
    }

    /// Reads and decodes one column chunk.
    func readColumnChunk(rowGroup g: Int, column c: Int, keepDictionary: Bool) throws -> ColumnVector {
        let col = columns[c]
        let meta = metadata.rowGroups[g].columns[c].metaData!
        let rows = Int(metadata.rowGroups[g].numRows)
        guard let codec = CompressionCodec(rawValue: meta.codec) else {
            throw LakeError.unsupported(file: path, column: col.name, feature: "compression codec \(meta.codec)")
        }
        guard [.uncompressed, .snappy, .gzip, .zstd].contains(codec) else {
            throw LakeError.unsupported(file: path, column: col.name, feature: "compression codec \(codec)")
        }
        var decoder = ColumnChunkDecoder(column: col, type: col.type!, physical: col.physicalType!, codec: codec, rows: rows, keepDictionary: keepDictionary)
        // Zero-row row groups: the chunk's offsets may be placeholders (see `validate`).
        var bytes: [UInt8] = []
        if rows > 0 {
            let (start, length) = chunkRange(meta)
            bytes = try source.read(offset: start, count: length)
        }
        do {
            return try bytes.withUnsafeBytes { try decoder.decode(chunk: $0) }
        } catch let e as FormatError {
            throw LakeError.corrupt(file: path, reason: "row group \(g), column \(col.name): \(e.reason)")
        }
    }

    func chunkRange(_ meta: ColumnMetaData) -> (Int, Int) {
        var start = Int(meta.dataPageOffset)
        if let d = meta.dictionaryPageOffset, d > 0, d < start { start = Int(d) }
        return (start, Int(meta.totalCompressedSize))
    }

    private func mayMatch(_ p: RowGroupPredicate, rowGroup g: Int) -> Bool {
        switch p {
        case .and(let ps): return ps.allSatisfy { mayMatch($0, rowGroup: g) }
        case .or(let ps): return ps.contains { mayMatch($0, rowGroup: g) }
        case .equals(let name, let v): return mayMatch(.between(name, min: v, max: v), rowGroup: g)
        case .between(let name, let lo, let hi):
            guard let c = columns.firstIndex(where: { $0.name == name }), let s = statistics(rowGroup: g, column: c) else { return true }
            let rows = Int64(metadata.rowGroups[g].numRows)
            if let nulls = s.nullCount, nulls == rows, rows > 0 { return false }
            if let lo, let max = s.max, let cmp = Value.compare(max, lo), cmp < 0 { return false }
            if let hi, let min = s.min, let cmp = Value.compare(min, hi), cmp > 0 { return false }
            return true
        }
    }

    private static func leaves(_ meta: FileMetaData, path: String) throws -> [ParquetColumn] {
        guard let root = meta.schema.first else { throw LakeError.corrupt(file: path, reason: "the schema is empty") }
        let n = Int(root.numChildren ?? 0)
        guard n >= 0, n == meta.schema.count - 1 || meta.schema.contains(where: { ($0.numChildren ?? 0) > 0 && $0 != root }) else {
            throw LakeError.corrupt(file: path, reason: "the root declares \(n) columns but the schema lists \(meta.schema.count - 1)")
        }
        var out = [ParquetColumn]()
        for e in meta.schema.dropFirst() {
            if let k = e.numChildren, k > 0 {
                throw LakeError.unsupported(file: path, column: e.name, feature: "a nested (group) column")
            }
            out.append(ParquetColumn.from(e))
        }
        return out
    }

    private static func validate(_ meta: FileMetaData, columns: [ParquetColumn], fileSize: Int, footerStart: Int, rowLimit: Int, path: String) throws {
        func bad(_ r: String) -> LakeError { .corrupt(file: path, reason: r) }
        if meta.hasEncryption { throw LakeError.unsupported(file: path, column: "*", feature: "encryption") }
        var total: Int64 = 0
        for (g, rg) in meta.rowGroups.enumerated() {
            guard rg.numRows >= 0, rg.numRows <= Int64(rowLimit) else { throw bad("row group \(g) claims \(rg.numRows) rows") }
            total += rg.numRows
            guard rg.columns.count == columns.count else {
                throw bad("row group \(g) has \(rg.columns.count) column chunks for \(columns.count) columns")
            }
            for (c, chunk) in rg.columns.enumerated() {
                guard let m = chunk.metaData else { throw bad("row group \(g), column \(columns[c].name) has no column metadata") }
                if m.type != (columns[c].physicalType?.rawValue ?? m.type) {
                    throw bad("row group \(g), column \(columns[c].name): chunk type \(m.type) differs from the schema")
                }
                // A zero-row row group is never read (pyarrow writes one for an empty table,
                // with data page offset 0 and sometimes a lone dictionary page).
                if rg.numRows == 0 { continue }
                let start = Int(m.dictionaryPageOffset.flatMap { $0 > 0 && $0 < m.dataPageOffset ? $0 : nil } ?? m.dataPageOffset)
                guard m.dataPageOffset >= 4, m.totalCompressedSize > 0, start >= 4, Int(m.totalCompressedSize) <= footerStart - start else {
                    throw bad("row group \(g), column \(columns[c].name): chunk at byte \(start) of \(m.totalCompressedSize) bytes lies outside the data area")
                }
            }
        }
        guard total == meta.numRows else { throw bad("row groups hold \(total) rows but the footer says \(meta.numRows)") }
    }
}
