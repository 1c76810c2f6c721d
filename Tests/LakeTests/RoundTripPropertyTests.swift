import Testing
@testable import Lake

/// Property: whatever schema and values, write → read gives the same values back, for every
/// writer configuration (codec, dictionary, page size, row-group size, threads).
@Suite struct RoundTripPropertyTests {
    static let awkwardDoubles: [Double] = [0, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                           .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, 0.1, 1e16, -1]
    static let awkwardStrings: [String] = ["", "a", "zoë", "Łódź", "東京", "=1+1", "\0nul", "new\nline", String(repeating: "long", count: 5000)]

    static func randomColumn(_ type: ColumnType, rows: Int, nullable: Bool, rng: inout SplitMix) -> ColumnVector {
        let nullRate = nullable ? [0.0, 0.1, 0.9, 1.0].randomElement(using: &rng)! : 0
        let lowCardinality = Bool.random(using: &rng)
        var items = [Value]()
        for i in 0..<rows {
            if Double.random(in: 0..<1, using: &rng) < nullRate { items.append(.null); continue }
            switch type {
            case .boolean: items.append(.boolean(Bool.random(using: &rng)))
            case .int32: items.append(.int32(lowCardinality ? Int32.random(in: -3...3, using: &rng) : Int32.random(in: .min ... .max, using: &rng)))
            case .date: items.append(.date(Int32.random(in: -719_000...2_932_000, using: &rng)))
            case .timestamp: items.append(.timestamp(lowCardinality ? Int64(i % 5) * 86_400_000_000 : Int64.random(in: .min ... .max, using: &rng)))
            case .int64: items.append(.int64(lowCardinality ? Int64(i % 5) : Int64.random(in: .min ... .max, using: &rng)))
            case .decimal:
                items.append(.decimal(lowCardinality ? Int64(i % 5) * 1_99 : Int64.random(in: -Cents.maxMagnitude...Cents.maxMagnitude, using: &rng)))
            case .double:
                items.append(.double(Bool.random(using: &rng) ? awkwardDoubles.randomElement(using: &rng)! : Double.random(in: -1e9...1e9, using: &rng)))
            case .string:
                if lowCardinality || Bool.random(using: &rng) {
                    items.append(.string(awkwardStrings.randomElement(using: &rng)!))
                } else {
                    items.append(.string("v\(UInt32.random(in: 0 ... .max, using: &rng))"))
                }
            }
        }
        return try! ColumnVector.from(items, type: type)
    }

    @Test(arguments: 0..<24)
    func randomSchemasRoundTrip(seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed) &* 7919)
        let dir = TempDir()
        defer { dir.cleanup() }
        let columns = Int.random(in: 1...8, using: &rng)
        let rows = [0, 1, 7, 100, 3000, 8000].randomElement(using: &rng)!
        var fields = [Field]()
        for c in 0..<columns {
            fields.append(Field("c\(c)", ColumnType.allCases.randomElement(using: &rng)!, nullable: Bool.random(using: &rng)))
        }
        let batch = fields.map { Self.randomColumn($0.type, rows: rows, nullable: $0.nullable, rng: &rng) }
        var options = WriterOptions()
        options.compression = [.uncompressed, .zstd(level: 1), .zstd(level: 5), .gzip(level: 6)].randomElement(using: &rng)!
        options.dictionary = Bool.random(using: &rng)
        options.pageSize = [64, 4096, 1 << 20].randomElement(using: &rng)!
        options.rowGroupRows = [1, 1000, 1 << 20].randomElement(using: &rng)!
        if rows > 2000 && options.rowGroupRows == 1 { options.rowGroupRows = 777 }
        options.parallel = Bool.random(using: &rng)
        let path = dir.file("t.parquet")
        let writer = try ParquetWriter(path: path, schema: Schema(fields), options: options)
        try writer.write(batch)
        try writer.close()

        let file = try ParquetFile(path: path)
        #expect(try file.schema() == Schema(fields))
        #expect(file.rowCount == rows)
        let back = try readAll(path)
        if rows == 0 { return }
        for (c, f) in fields.enumerated() {
            #expect(sameValues(values(back[c]), values(batch[c])), "column \(f.name) \(f.type) seed \(seed)")
        }
    }

    @Test func dictionaryStringsStayEncodedAndRoundTripThroughTheWriter() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let items: [Value] = (0..<5000).map { $0 % 7 == 0 ? .null : .string(["CA", "TX", "NY"][$0 % 3]) }
        let col = try ColumnVector.from(items, type: .string)
        let schema = Schema([Field("state", .string)])
        let w = try ParquetWriter(path: dir.file("a.parquet"), schema: schema)
        try w.write([col])
        try w.close()
        let batch = try ParquetFile(path: dir.file("a.parquet")).readRowGroup(0)
        guard case .dictionary(let d) = batch.columns[0].values else {
            Issue.record("expected a dictionary-encoded column")
            return
        }
        #expect(d.dictionary.count == 3)
        // Writing the dictionary column again gives the same bytes as writing plain strings.
        let w2 = try ParquetWriter(path: dir.file("b.parquet"), schema: schema)
        try w2.write(batch.columns)
        try w2.close()
        let a = try ParquetFile(path: dir.file("a.parquet")), b = try ParquetFile(path: dir.file("b.parquet"))
        #expect(sameValues(values(try readAll(a.path)[0]), values(try readAll(b.path)[0])))
        #expect(values(batch.columns[0].materialized()) == items)
    }

    @Test func writerRejectsMismatchedBatches() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let w = try ParquetWriter(path: dir.file("x.parquet"), schema: Schema([Field("a", .int64, nullable: false)]))
        #expect(throws: LakeError.invalidInput("\(dir.file("x.parquet")): column a is int64 but the batch holds string")) {
            try w.write([try ColumnVector.from([.string("x")], type: .string)])
        }
        #expect(throws: LakeError.invalidInput("column a is not nullable but the batch has nulls")) {
            try w.write([try ColumnVector.from([.null], type: .int64)])
        }
        #expect(throws: LakeError.invalidInput("column x appears twice in the schema")) {
            _ = try ParquetWriter(path: dir.file("y.parquet"), schema: Schema([Field("x", .int64), Field("x", .string)]))
        }
    }
}
