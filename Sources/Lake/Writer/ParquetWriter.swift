import RxCore

/// Writes a flat Parquet file row group by row group.
///
/// ```swift
/// let writer = try ParquetWriter(path: "part-0.parquet", schema: schema)
/// for batch in batches { try writer.write(batch) }   // [ColumnVector], one per field
/// let summary = try writer.close()
/// ```
/// Memory is bounded by one batch plus its encoded pages. Columns of a row group are encoded
/// and compressed in parallel. Output is deterministic: the same batches give the same bytes.
public final class ParquetWriter {
    public let path: String
    public let schema: Schema
    public let options: WriterOptions
    private let sink: FileSink
    private var rowGroups: [RowGroup] = []
    private var rows: Int64 = 0
    private var closed = false

    /// `created_by` as readers parse it: `<app> version <ver> (build <id>)`.
    public static let createdBy = "rxpipe version \(RxpipeVersion.string) (build rxpipe-\(RxpipeVersion.string))"
    /// Key under which the rxpipe schema version is stored in the footer.
    public static let schemaVersionKey = "rxpipe.schema_version"
    public static let schemaVersion = "1"

    public init(path: String, schema: Schema, options: WriterOptions = WriterOptions()) throws {
        _ = MemoryTuning.applied
        try schema.validate()
        guard options.pageSize > 0, options.rowGroupRows > 0, options.dictionaryPageLimit > 0 else {
            throw LakeError.invalidInput("page size, row group rows and dictionary limit must be positive")
        }
        if case .zstd(let l) = options.compression, !(1...22).contains(l) {
            throw LakeError.invalidInput("zstd level \(l) is outside 1…22")
        }
        self.path = path
        self.schema = schema
        self.options = options
        sink = try FileSink(path: path)
        try sink.write(Array("PAR1".utf8))
    }

    /// Number of rows written so far.
    public var rowCount: Int { Int(rows) }

    /// Appends one batch: one `ColumnVector` per schema field, all of the same length. A batch
    /// longer than `options.rowGroupRows` becomes several row groups; an empty batch is ignored.
    public func write(_ columns: [ColumnVector]) throws {
        guard !closed else { throw LakeError.invalidInput("\(path): write after close") }
        guard columns.count == schema.fields.count else {
            throw LakeError.invalidInput("\(path): batch has \(columns.count) columns, schema has \(schema.fields.count)")
        }
        let n = columns.first?.count ?? 0
        for (f, c) in zip(schema.fields, columns) {
            guard c.count == n else { throw LakeError.invalidInput("\(path): column \(f.name) has \(c.count) rows, expected \(n)") }
            guard c.type == f.type else { throw LakeError.invalidInput("\(path): column \(f.name) is \(f.type) but the batch holds \(c.type)") }
        }
        guard n > 0 else { return }
        if n <= options.rowGroupRows {
            try writeRowGroup(columns, rows: n)
        } else {
            var start = 0
            while start < n {
                let end = min(n, start + options.rowGroupRows)
                try writeRowGroup(columns.map { $0.slice(start..<end) }, rows: end - start)
                start = end
            }
        }
    }

    private func writeRowGroup(_ columns: [ColumnVector], rows n: Int) throws {
        let results = IndexedSlots<Result<EncodedChunk, any Error>>(count: columns.count)
        let fields = schema.fields
        let options = self.options
        let input = UncheckedBox(columns)
        Parallel.forEach(columns.count, parallel: options.parallel) { k in
            results.set(k, Result { try ColumnChunkEncoder(field: fields[k], options: options).encode(input.value[k]) })
        }
        var group = RowGroup()
        group.numRows = Int64(n)
        group.fileOffset = Int64(sink.offset)
        group.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        var compressed: Int64 = 0
        for r in results.values() {
            var chunk = try r.get()
            let base = Int64(sink.offset)
            chunk.meta.dataPageOffset += base
            if chunk.hasDictionary { chunk.meta.dictionaryPageOffset = base }
            try sink.write(chunk.bytes)
            group.totalByteSize += chunk.meta.totalUncompressedSize
            compressed += chunk.meta.totalCompressedSize
            group.columns.append(ColumnChunk(filePath: nil, fileOffset: 0, metaData: chunk.meta))
        }
        group.totalCompressedSize = compressed
        rowGroups.append(group)
        rows += Int64(n)
    }

    /// Writes the footer and closes the file (fsync'd when `sync`); returns what was written.
    @discardableResult
    public func close(sync: Bool = true) throws -> WrittenFile {
        guard !closed else { throw LakeError.invalidInput("\(path): closed twice") }
        closed = true
        var meta = FileMetaData()
        meta.version = 1
        meta.schema = schemaElements()
        meta.numRows = rows
        meta.rowGroups = rowGroups
        meta.createdBy = Self.createdBy
        var kv = options.metadata
        kv[Self.schemaVersionKey] = Self.schemaVersion
        meta.keyValueMetadata = kv.keys.sorted().map { KeyValue(key: $0, value: kv[$0]) }
        var w = CompactWriter()
        w.writeStruct { meta.write(&$0) }
        let footer = w.bytes
        var tail = footer
        let len = UInt32(footer.count)
        tail.append(contentsOf: [UInt8(len & 0xFF), UInt8(len >> 8 & 0xFF), UInt8(len >> 16 & 0xFF), UInt8(len >> 24)])
        tail.append(contentsOf: Array("PAR1".utf8))
        try sink.write(tail)
        try sink.close(sync: sync)
        return WrittenFile(path: path, rows: Int(rows), bytes: sink.offset, rowGroups: rowGroups.count, sha256: sink.sha256)
    }

    private func schemaElements() -> [SchemaElement] {
        var root = SchemaElement()
        root.name = "schema"
        root.numChildren = Int32(schema.fields.count)
        root.repetition = Repetition.required.rawValue
        var out = [root]
        for f in schema.fields {
            var e = SchemaElement()
            e.name = f.name
            e.type = f.type.physical.rawValue
            e.repetition = (f.nullable ? Repetition.optional : Repetition.required).rawValue
            switch f.type {
            case .string: e.convertedType = ConvertedType.utf8; e.logicalType = 1
            case .date: e.convertedType = ConvertedType.date; e.logicalType = 6
            case .decimal:
                e.convertedType = ConvertedType.decimal
                e.logicalType = 5
                e.scale = Cents.scale
                e.precision = Cents.precision
            case .timestamp:
                e.convertedType = ConvertedType.timestampMicros
                e.logicalType = 8
                e.timestampUnit = 2
                e.timestampIsAdjustedToUTC = true
            default: break
            }
            out.append(e)
        }
        return out
    }
}

/// What a closed writer produced.
public struct WrittenFile: Sendable, Equatable {
    public let path: String
    public let rows: Int
    public let bytes: Int
    public let rowGroups: Int
    /// Hex SHA-256 of the file's bytes.
    public let sha256: String
}

/// Hands read-only values to worker threads (the writer does not mutate them meanwhile).
/// Unchecked: the value is read-only while workers hold the box.
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
