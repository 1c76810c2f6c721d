import Testing
@testable import Lake

@Suite struct ReaderTests {
    /// Three row groups with disjoint year ranges, for pruning.
    func threeGroups(_ dir: TempDir) throws -> String {
        let path = dir.file("p.parquet")
        let schema = Schema([Field("year", .int64, nullable: false), Field("state", .string), Field("cost", .double)])
        let w = try ParquetWriter(path: path, schema: schema)
        for (year, state) in [(2020, "AL"), (2021, "MN"), (2022, "WY")] {
            try w.write([
                try ColumnVector.from(Array(repeating: .int64(Int64(year)), count: 100), type: .int64),
                try ColumnVector.from(Array(repeating: .string(state), count: 100), type: .string),
                try ColumnVector.from((0..<100).map { .double(Double($0)) }, type: .double),
            ])
        }
        try w.close()
        return path
    }

    @Test func statisticsPruneRowGroups() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let f = try ParquetFile(path: try threeGroups(dir))
        #expect(f.rowGroupCount == 3)
        #expect(f.statistics(rowGroup: 1, column: 0) == ColumnStatistics(nullCount: 0, min: .int64(2021), max: .int64(2021), nanCount: nil))
        #expect(f.rowGroups(where: .equals("year", .int64(2021))) == [1])
        #expect(f.rowGroups(where: .between("year", min: .int64(2021), max: nil)) == [1, 2])
        #expect(f.rowGroups(where: .equals("state", .string("MN"))) == [1])
        #expect(f.rowGroups(where: .or([.equals("state", .string("AL")), .equals("year", .int64(2022))])) == [0, 2])
        #expect(f.rowGroups(where: .and([.equals("state", .string("AL")), .equals("year", .int64(2022))])) == [])
        var seen = [Int]()
        try f.scan(columns: ["cost"], where: .between("cost", min: .double(50), max: nil)) { batch in
            seen.append(batch.index)
            #expect(batch.fields.map(\.name) == ["cost"])
        }
        #expect(seen == [0, 1, 2])
    }

    /// The parallel scan (worker threads decoding ahead) delivers what the sequential one
    /// does, in order; an error thrown by the body stops it and is rethrown as is.
    @Test(arguments: [1, 3, 8])
    func parallelScanMatchesSequentialAndStopsOnBodyError(window: Int) throws {
        struct Stop: Error, Equatable {}
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.file("many.parquet")
        let schema = Schema([Field("k", .int64, nullable: false), Field("s", .string), Field("x", .double)])
        let w = try ParquetWriter(path: path, schema: schema)
        for g in 0..<12 {
            let n = 50 + g * 7
            try w.write([
                try ColumnVector.from((0..<n).map { .int64(Int64(g * 1000 + $0 % 9)) }, type: .int64),
                try ColumnVector.from((0..<n).map { $0 % 5 == 0 ? .null : .string("v\(($0 * g) % 13)") }, type: .string),
                try ColumnVector.from((0..<n).map { .double(Double($0) / Double(g + 1)) }, type: .double),
            ])
        }
        try w.close()
        let f = try ParquetFile(path: path)
        var sequential = [(Int, [ColumnVector])]()
        try f.scan(options: ReadOptions(parallel: false)) { sequential.append(($0.index, $0.columns)) }
        var parallel = [(Int, [ColumnVector])]()
        try f.scan(options: ReadOptions(parallel: true, window: window)) { parallel.append(($0.index, $0.columns)) }
        #expect(sequential.count == 12)
        #expect(parallel.map(\.0) == Array(0..<12))
        #expect(parallel.map(\.1) == sequential.map(\.1))
        var seen = 0
        #expect(throws: Stop()) {
            try f.scan(columns: ["s", "k"], options: ReadOptions(parallel: true, window: window)) { _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }

    @Test func projectionNamesUnknownColumns() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = try threeGroups(dir)
        let f = try ParquetFile(path: path)
        #expect(throws: LakeError.invalidInput("\(path) has no column named nope (columns: year, state, cost)")) {
            _ = try f.readRowGroup(0, columns: ["nope"])
        }
        let batch = try f.readRowGroup(2, columns: ["state", "year"])
        #expect(batch.fields.map(\.name) == ["state", "year"])
        #expect(batch["year"]?.value(at: 0) == .int64(2022))
    }

    @Test(arguments: ["duckdb_v2.parquet", "pyarrow_gzip_v2.parquet", "pyarrow_snappy_dict.parquet", "pyarrow_zstd_delta.parquet", "rxpipe_zstd.parquet"])
    func corpusFilesReadTheSameValues(name: String) throws {
        let cols = try readAll("\(Repo.corpus)/\(name)")
        #expect(values(cols[0]) == [.int64(1), .null, .int64(3), .int64(-4), .int64(1 << 62), .int64(7), .int64(7), .int64(7)])
        #expect(values(cols[2]) == [.string("a"), .null, .string(""), .string("zoë"), .string("=cmd"), .string("a"), .string("a"), .string("b")])
        let d = values(cols[1])
        #expect(d[0] == .double(1.5) && d[2] == .null && d[4] == .double(1e300))
        if case .double(let nan) = d[1] { #expect(nan.isNaN) } else { Issue.record("expected NaN") }
        if case .double(let z) = d[3] { #expect(z == 0 && z.sign == .minus) } else { Issue.record("expected -0.0") }
        #expect(values(cols[4])[4] == .date(2_932_896))
    }

    /// Spark writes an all-null v2 data page with an empty values section (0 bytes, not a
    /// compressed empty block); it reads as one null (apache/parquet-testing).
    @Test func aV2PageWithAnEmptyValuesSectionReadsAsNulls() throws {
        let cols = try readAll("\(Repo.corpus)/spark_datapage_v2_empty_datapage.snappy.parquet")
        #expect(cols.count == 1)
        #expect(values(cols[0]) == [.null])
    }
}
