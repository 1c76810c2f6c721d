import Foundation
import Lake
import Testing

@testable import Cleansing

/// The background decoder hands over every row group in order, and an error on the caller's
/// side stops it without a hang.
@Suite struct ReadAheadTests {
    struct Stop: Error, Equatable {}

    func table(rowGroups: Int) throws -> (LakeTable, String) {
        let root = temporaryDirectory("read-ahead")
        let lake = Lake(root: root)
        var options = WriterOptions()
        options.rowGroupRows = 10
        let writer = try TableWriter(lake: lake, table: try Lake.TableName(zone: "raw", table: "numbers"),
                                     schema: Schema([Field("n", .int64, nullable: false)]), partitionBy: [], options: options)
        for g in 0..<rowGroups { try writer.write([ColumnVector(.int64((0..<10).map { Int64(g * 10 + $0) }))]) }
        _ = try writer.commit()
        return (try lake.open(try Lake.TableName(zone: "raw", table: "numbers")), root)
    }

    @Test func deliversEveryRowGroupInOrder() throws {
        let (t, root) = try table(rowGroups: 7)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var seen: [Int64] = []
        try ReadAhead.scan(t, options: ReadOptions(parallel: true, window: 2)) { batch in
            guard case .int64(let v) = batch.columns[0].values else { return }
            seen += v
        }
        #expect(seen == (0..<70).map(Int64.init))
    }

    @Test func anErrorInTheBodyStopsTheDecoder() throws {
        let (t, root) = try table(rowGroups: 20)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var batches = 0
        #expect(throws: Stop()) {
            try ReadAhead.scan(t, options: ReadOptions(parallel: true, window: 2)) { _ in
                batches += 1
                if batches == 2 { throw Stop() }
            }
        }
        #expect(batches == 2)
    }
}
