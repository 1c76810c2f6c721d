import Foundation
import Testing

@testable import Lake

/// A folder in Spark's layout: what is data, what is bookkeeping, and how partition values type.
@Suite struct HiveDatasetTests {
    private func touch(_ path: String) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data())
    }

    @Test func listsDataFilesInOrderAndSkipsBookkeeping() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        for p in ["_SUCCESS", "_committed_77", "year=2022/state=TX/part-1.snappy.parquet", "year=2022/state=TX/.part-1.snappy.parquet.crc",
                  "year=2021/state=__HIVE_DEFAULT_PARTITION__/part-0.parquet", "year=2021/state=New%20York/part-0.parquet",
                  "_temporary/0/part-9.parquet", "year=2022/state=TX/notes.txt"] {
            touch(dir.file(p))
        }
        let d = try HiveDataset(directory: dir.path)
        #expect(d.partitionColumns == ["year", "state"])
        #expect(d.files.map { $0.path.dropFirst(dir.path.count + 1) } == [
            "year=2021/state=New%20York/part-0.parquet", "year=2021/state=__HIVE_DEFAULT_PARTITION__/part-0.parquet",
            "year=2022/state=TX/part-1.snappy.parquet",
        ])
        #expect(d.files.map(\.values) == [["2021", "New York"], ["2021", nil], ["2022", "TX"]])
        #expect(d.partitionFields() == [Field("year", .int32, nullable: false), Field("state", .string, nullable: true)])
    }

    @Test func constantColumnsCarryTheValueOrNull() {
        let year = HiveDataset.column(Field("year", .int32), value: "2022", rows: 3)
        #expect(year.values == .int32([2022, 2022, 2022]) && year.validity == nil)
        let missing = HiveDataset.column(Field("state", .string), value: nil, rows: 2)
        #expect(missing.validity == [false, false])
    }

    @Test func aFolderThatIsNotAPartitionOrHoldsNoDataIsNamed() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        touch(dir.file("_SUCCESS"))
        #expect(throws: LakeError.invalidInput("\(dir.path) holds no Parquet data files")) { try HiveDataset(directory: dir.path) }
        touch(dir.file("misc/part-0.parquet"))
        #expect(throws: LakeError.invalidInput("\(dir.path)/misc: a folder inside a Hive dataset must be named column=value")) {
            try HiveDataset(directory: dir.path)
        }
    }
}
