import Foundation
import Testing
@testable import Lake

@Suite struct TableTests {
    let schema = Schema([Field("year", .int64, nullable: false), Field("state", .string), Field("n", .int64)])

    func batch(_ rows: [(Int64, String?, Int64)]) throws -> [ColumnVector] {
        [
            try ColumnVector.from(rows.map { .int64($0.0) }, type: .int64),
            try ColumnVector.from(rows.map { $0.1.map(Value.string) ?? .null }, type: .string),
            try ColumnVector.from(rows.map { .int64($0.2) }, type: .int64),
        ]
    }

    @Test func commitPublishesPartitionsAndReadsBack() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let lake = Lake(root: dir.path)
        let name = try Lake.TableName(zone: "raw", table: "t")
        let w = try TableWriter(lake: lake, table: name, schema: schema, partitionBy: ["year"], inputFingerprint: "fp")
        try w.write(try batch([(2021, "CA", 1), (2022, "TX", 2), (2021, nil, 3)]))
        // Nothing is visible before the commit.
        #expect(throws: LakeError.table(path: lake.directory(name), reason: "no committed table here (no _manifest.json)")) {
            _ = try lake.open(name)
        }
        let m = try w.commit()
        #expect(m.rowCount == 3 && m.version == 1 && m.inputFingerprint == "fp")
        #expect(m.files.map(\.path) == ["year=2021/part-v000001-00000.parquet", "year=2022/part-v000001-00001.parquet"])
        let t = try lake.open(name)
        var rows = [[Value]]()
        try t.scan { b in for r in 0..<b.rowCount { rows.append(b.columns.map { $0.value(at: r) }) } }
        #expect(rows == [[.int64(2021), .string("CA"), .int64(1)], [.int64(2021), .null, .int64(3)], [.int64(2022), .string("TX"), .int64(2)]])
        // Partition pruning skips whole files.
        var years = Set<Value>()
        try t.scan(columns: ["year"], where: .equals("year", .int64(2022))) { b in years.insert(b.columns[0].value(at: 0)) }
        #expect(years == [.int64(2022)])
        #expect(try lake.tables() == [name])
    }

    @Test func secondWriterIsRefusedWhileTheFirstHoldsTheLock() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let lake = Lake(root: dir.path)
        let name = try Lake.TableName(zone: "curated", table: "t")
        let first = try TableWriter(lake: lake, table: name, schema: schema)
        #expect(throws: LakeError.self) { _ = try TableWriter(lake: lake, table: name, schema: schema) }
        do {
            _ = try TableWriter(lake: lake, table: name, schema: schema)
        } catch let e as LakeError {
            guard case .locked(let table, let holder) = e else { Issue.record("expected locked, got \(e)"); return }
            #expect(table == "curated/t")
            #expect(holder == "pid \(ProcessInfo.processInfo.processIdentifier)")
        }
        try first.write(try batch([(2020, "A", 1)]))
        try first.commit()
        // Free again after the commit.
        let second = try TableWriter(lake: lake, table: name, schema: schema)
        try second.write(try batch([(2020, "B", 2)]))
        #expect(try second.commit().version == 2)
    }

    @Test func abandonedWriterLeavesThePreviousVersionAndItsLeftoversAreCleaned() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let lake = Lake(root: dir.path)
        let name = try Lake.TableName(zone: "raw", table: "t")
        let w1 = try TableWriter(lake: lake, table: name, schema: schema, partitionBy: ["year"])
        try w1.write(try batch([(2020, "A", 1)]))
        let v1 = try w1.commit()
        do {
            let w2 = try TableWriter(lake: lake, table: name, schema: schema, partitionBy: ["year"])
            try w2.write(try batch([(2099, "Z", 9)]))
            // Dropped without commit, like a failed stage.
        }
        #expect(try lake.manifest(name) == v1)
        // A crashed writer's files (no deinit ran): a stray part file and a staging dir.
        let root = lake.directory(name)
        try FileManager.default.createDirectory(atPath: root + "/_staging/v000002/year=1", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/year=1999", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/year=1999/part-v000002-00000.parquet", contents: Data([1, 2, 3]))
        let w3 = try TableWriter(lake: lake, table: name, schema: schema, partitionBy: ["year"])
        #expect(!FileManager.default.fileExists(atPath: root + "/year=1999"))
        #expect(FileManager.default.fileExists(atPath: root + "/year=2020/part-v000001-00000.parquet"))
        try w3.write(try batch([(2021, "B", 2)]))
        let v2 = try w3.commit()
        #expect(v2.files.map(\.path) == ["year=2021/part-v000002-00000.parquet"])
        #expect(!FileManager.default.fileExists(atPath: root + "/year=2020"))
    }

    @Test func contentHashDependsOnDataNotVersion() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let lake = Lake(root: dir.path)
        let name = try Lake.TableName(zone: "raw", table: "t")
        var hashes = [String]()
        for _ in 0..<2 {
            let w = try TableWriter(lake: lake, table: name, schema: schema)
            try w.write(try batch([(2020, "A", 1), (2021, "B", 2)]))
            hashes.append(try w.commit().contentHash)
        }
        #expect(hashes[0] == hashes[1])
        #expect(hashes[0].count == 64)
    }
}
