import Testing
@testable import Lake

/// Zero-row files: pyarrow writes one row group of 0 rows (data page offset 0, sometimes a
/// lone dictionary page), DuckDB and rxpipe write no row group. All read as empty tables with
/// their schema.
@Suite struct EmptyFileTests {
    static let expected = Schema([
        Field("i64", .int64), Field("dbl", .double), Field("s", .string),
        Field("day", .date), Field("req", .int32, nullable: false), Field("b", .boolean),
    ])

    @Test(arguments: [("pyarrow_empty_dict.parquet", 1), ("pyarrow_empty_plain.parquet", 1), ("duckdb_empty.parquet", 0)])
    func corpusFilesReadAsEmptyTables(name: String, rowGroups: Int) throws {
        let f = try ParquetFile(path: "\(Repo.corpus)/\(name)")
        #expect(f.rowCount == 0)
        #expect(f.rowGroupCount == rowGroups)
        let schema = try f.schema()
        #expect(schema.fields.map(\.name) == Self.expected.fields.map(\.name))
        #expect(schema.fields.map(\.type) == Self.expected.fields.map(\.type))
        var batches = 0
        try f.scan { batch in
            batches += 1
            #expect(batch.rowCount == 0)
            #expect(batch.fields.map(\.type) == Self.expected.fields.map(\.type))
            #expect(batch.columns.allSatisfy { $0.count == 0 && $0.nullCount == 0 })
            #expect(zip(batch.columns, batch.fields).allSatisfy { $0.type == $1.type })
        }
        #expect(batches == rowGroups)
        for g in 0..<f.rowGroupCount {
            #expect(try f.readRowGroup(g, columns: ["s", "req"], options: ReadOptions(keepDictionary: false, parallel: false)).rowCount == 0)
        }
    }

    @Test func rxpipeWritesAndReadsAZeroRowFile() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.file("empty.parquet")
        let w = try ParquetWriter(path: path, schema: Self.expected)
        try w.write(Self.expected.fields.map { try ColumnVector.from([], type: $0.type) })
        let done = try w.close()
        #expect(done.rows == 0 && done.rowGroups == 0)
        let f = try ParquetFile(path: path)
        #expect(f.rowCount == 0)
        #expect(try f.schema() == Self.expected)
        #expect(try readAll(path).isEmpty)
    }
}
