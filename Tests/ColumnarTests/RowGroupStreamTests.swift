import Foundation
import Lake
import Testing
@testable import Columnar

@Suite struct RowGroupStreamTests {
    /// A table partitioned by year with several row groups per file.
    func makeTable(_ root: String) throws -> LakeTable {
        let lake = Lake(root: root)
        let schema = Schema([Field("year", .int32, nullable: false), Field("v", .int64, nullable: false), Field("s", .string)])
        var options = WriterOptions()
        options.rowGroupRows = 7
        let w = try TableWriter(lake: lake, table: try .init(zone: "cleansed", table: "t"), schema: schema, partitionBy: ["year"], options: options)
        let n = 100
        try w.write([ColumnVector(.int32((0..<n).map { Int32(2020 + $0 % 3) })), ColumnVector(.int64((0..<n).map { Int64($0) })),
                     ColumnVector(.string(StringArray((0..<n).map { "s\($0 % 5)" })))])
        try w.commit()
        return try lake.open(try .init(zone: "cleansed", table: "t"))
    }

    @Test func workersSeeEveryRowOnceWithPartitionColumnsFilledIn() throws {
        let root = NSTemporaryDirectory() + "rxpipe-columnar-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let stream = try RowGroupStream(table: try makeTable(root), columns: ["v", "year"])
        #expect(stream.rowCount == 100 && stream.units.count > 3)
        for workers in [1, 2, 3] {
            let states = try stream.reduce(workers: workers, initial: { _ in [Int64: Int64]() }) { seen, batch in
                let v = try ColumnAccess.int64(batch["v"]!), year = try ColumnAccess.int32(batch["year"]!)
                for i in v.indices { seen[v[i]] = Int64(year[i]) }
            }
            #expect(states.count == workers)
            var all = [Int64: Int64]()
            for s in states { all.merge(s) { a, _ in a } }
            #expect(states.reduce(0) { $0 + $1.count } == 100)
            #expect(all.count == 100 && all.allSatisfy { $0.value == 2020 + $0.key % 3 })
        }
    }

    @Test func anErrorInOneWorkerStopsTheScanAndIsRethrown() throws {
        let root = NSTemporaryDirectory() + "rxpipe-columnar-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        struct Boom: Error, Equatable {}
        let stream = try RowGroupStream(table: try makeTable(root), columns: ["v"])
        #expect(throws: Boom()) {
            _ = try stream.reduce(workers: 2, initial: { _ in 0 }) { (_: inout Int, batch: Batch) in
                if try ColumnAccess.int64(batch["v"]!).contains(50) { throw Boom() }
            }
        }
    }

    @Test func unknownColumnIsAnError() throws {
        let root = NSTemporaryDirectory() + "rxpipe-columnar-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: LakeError.self) { try RowGroupStream(table: try makeTable(root), columns: ["nope"]) }
    }
}

@Suite struct SortCodeTests {
    @Test func doubleAndIntegerCodesKeepNumericOrder() {
        let d: [Double] = [3.5, -1, 0, -0.0, -7.25, 1e300, -1e300]
        #expect(Sorting.permutation(count: d.count, by: [.double(d)]) == [6, 4, 1, 2, 3, 0, 5])
        #expect(Sorting.permutation(count: d.count, by: [.double(d, descending: true)]) == [5, 0, 2, 3, 1, 4, 6])
        let i: [Int64] = [5, Int64.min, -3, Int64.max, 0]
        #expect(Sorting.permutation(count: i.count, by: [.int64(i)]) == [1, 2, 4, 0, 3])
        let s: [String?] = ["b", nil, "a", "b"]
        #expect(Sorting.permutation(count: 4, by: [.string(s, descending: true)]) == [0, 3, 2, 1])
    }

    @Test func internerGivesDictionaryEntriesOneCodeAndNullsTheNullCode() throws {
        var interner = StringInterner()
        let col = ColumnVector(.dictionary(DictionaryArray(dictionary: StringArray(["x", "y"]), indices: [1, 0, 1, 1])),
                               validity: [true, true, false, true])
        #expect(try interner.codes(of: col) == [0, 1, -1, 0])
        #expect(interner.strings == ["y", "x"])
        #expect(try interner.codes(of: ColumnVector(.string(StringArray(["x", "z"])))) == [1, 2])
    }
}
