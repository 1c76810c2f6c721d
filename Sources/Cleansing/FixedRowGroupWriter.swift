import Lake

/// Writes a table in row groups of exactly `rowGroupRows` rows per partition (the last one of
/// each partition may be shorter) and cuts part files at a fixed row count, so the files depend
/// only on the rows and their order, never on how the input was batched.
final class FixedRowGroupWriter {
    let writer: TableWriter
    let schema: Schema
    let rowGroupRows: Int
    private let partitionIndex: Int?
    private var buffers: [Int32: [ColumnBuilder]] = [:]
    private var partitionOrder: [Int32] = []
    private var chunks: [Int32: [[ColumnVector]]] = [:]
    private var chunkRows: [Int32: Int] = [:]
    private(set) var rowsWritten = 0

    init(lake: Lake, table: Lake.TableName, schema: Schema, partitionBy: String?, rowGroupRows: Int, rowsPerFile: Int) throws {
        self.schema = schema
        self.rowGroupRows = rowGroupRows
        partitionIndex = partitionBy.flatMap { schema.index(of: $0) }
        var options = WriterOptions()
        options.rowGroupRows = rowGroupRows
        writer = try TableWriter(lake: lake, table: table, schema: schema, partitionBy: partitionBy.map { [$0] } ?? [], options: options)
        writer.maxRowsPerFile = rowsPerFile
    }

    /// Appends one row: `fill` receives the builders of the row's partition, in schema order,
    /// and must append exactly one value to each.
    func append(partition: Int32, _ fill: (inout [ColumnBuilder]) -> Void) throws {
        let key = partitionIndex == nil ? 0 : partition
        if buffers[key] == nil {
            buffers[key] = schema.fields.map { ColumnBuilder($0.type) }
            partitionOrder.append(key)
        }
        fill(&buffers[key]!)
        rowsWritten += 1
        if buffers[key]![0].count >= rowGroupRows { try flush(key) }
    }

    /// Appends whole columns whose rows all belong to `partition`.
    func append(partition: Int32, columns: [ColumnVector]) throws {
        let rows = columns.first?.count ?? 0
        guard rows > 0 else { return }
        let key = partitionIndex == nil ? 0 : partition
        if buffers[key] == nil {
            buffers[key] = schema.fields.map { ColumnBuilder($0.type) }
            partitionOrder.append(key)
        }
        // Rows appended one by one come first, then chunks; the two styles are not mixed per table.
        precondition(buffers[key]![0].count == 0, "row and column appends mixed in one partition")
        chunks[key, default: []].append(columns)
        chunkRows[key, default: 0] += rows
        rowsWritten += rows
        while chunkRows[key]! >= rowGroupRows { try flushChunks(key, all: false) }
    }

    private func flushChunks(_ key: Int32, all: Bool) throws {
        guard let pending = chunks[key], !pending.isEmpty else { return }
        let joined = schema.fields.indices.map { c in ColumnVector.joined(pending.map { $0[c] }) }
        let total = joined[0].count
        var start = 0
        while total - start >= rowGroupRows || (all && start < total) {
            let end = min(total, start + rowGroupRows)
            try writer.write(joined.map { start == 0 && end == total ? $0 : $0.slice(start..<end) })
            start = end
        }
        chunks[key] = start < total ? [joined.map { $0.slice(start..<total) }] : []
        chunkRows[key] = total - start
    }

    private func flush(_ key: Int32) throws {
        guard var builders = buffers[key], builders[0].count > 0 else { return }
        let columns = builders.indices.map { builders[$0].take() }
        buffers[key] = builders
        try writer.write(columns)
    }

    /// Writes what is buffered (partitions in first-seen order) and commits the table.
    @discardableResult
    func commit(properties: [String: String]? = nil) throws -> TableManifest {
        for key in partitionOrder {
            try flush(key)
            try flushChunks(key, all: true)
        }
        writer.properties = properties
        return try writer.commit()
    }
}
