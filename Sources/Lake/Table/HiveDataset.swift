/// A folder of Parquet files in Hive layout as Spark, Hive, pyarrow and DuckDB write it:
/// `year=2022/part-00000-….snappy.parquet`, with the writers' bookkeeping beside the data
/// (`_SUCCESS`, `_committed_…`, `.part-….crc`), which is skipped: names starting with `_` or `.`
/// are never data, as in Hadoop's own listing.
///
/// The partition columns live only in the directory names; `partitionFields` types them and
/// `column(_:value:rows:)` turns a file's value into the column its rows carry.
public struct HiveDataset: Sendable {
    public struct File: Sendable, Equatable {
        public let path: String
        /// The partition values of the file's directories, in `HiveDataset.partitionColumns` order
        /// (nil for `__HIVE_DEFAULT_PARTITION__`).
        public let values: [String?]
    }

    public let partitionColumns: [String]
    /// Every data file, sorted by path (the same folder gives the same order).
    public let files: [File]

    public init(directory: String) throws {
        var found: [(path: String, partition: [(String, String?)])] = []
        try Self.collect(directory, partition: [], into: &found)
        guard let first = found.first else {
            throw LakeError.invalidInput("\(directory) holds no Parquet data files")
        }
        let columns = first.partition.map(\.0)
        for f in found where f.partition.map(\.0) != columns {
            throw LakeError.invalidInput(
                "\(f.path): partition directories \(f.partition.map(\.0)) differ from \(columns) of \(first.path)")
        }
        if Set(columns).count != columns.count {
            throw LakeError.invalidInput("\(first.path): a partition column appears twice in the path \(columns)")
        }
        partitionColumns = columns
        files = found.map { File(path: $0.path, values: $0.partition.map(\.1)) }
    }

    /// The partition columns typed from their values: int32 when every value is a whole number
    /// that fits (Spark's `year=2022`), otherwise string. Nullable when a value is the default
    /// partition.
    public func partitionFields() -> [Field] {
        partitionColumns.indices.map { i in
            let values = files.map { $0.values[i] }
            let whole = values.allSatisfy { $0.map { Int32($0) != nil } ?? true } && values.contains { $0 != nil }
            return Field(partitionColumns[i], whole ? .int32 : .string, nullable: values.contains(nil))
        }
    }

    /// The constant column of one file's partition value, `rows` long.
    public static func column(_ field: Field, value: String?, rows: Int) -> ColumnVector {
        let validity: [Bool]? = value == nil ? [Bool](repeating: false, count: rows) : nil
        switch field.type {
        case .int32:
            return ColumnVector(.int32([Int32](repeating: value.flatMap { Int32($0) } ?? 0, count: rows)), validity: validity)
        default:
            return ColumnVector(.string(StringArray(repeatElement(value ?? "", count: rows))), validity: validity)
        }
    }

    private static func collect(_ directory: String, partition: [(String, String?)],
                                into found: inout [(path: String, partition: [(String, String?)])]) throws {
        for name in FileSystem.list(directory) where !name.hasPrefix("_") && !name.hasPrefix(".") {
            let path = directory + "/" + name
            if FileSystem.isDirectory(path) {
                guard let eq = name.firstIndex(of: "="), eq != name.startIndex else {
                    throw LakeError.invalidInput("\(path): a folder inside a Hive dataset must be named column=value")
                }
                let column = HivePath.unescape(String(name[..<eq]))
                let raw = String(name[name.index(after: eq)...])
                let value: String? = raw == HivePath.nullValue ? nil : HivePath.unescape(raw)
                try collect(path, partition: partition + [(column, value)], into: &found)
            } else if name.hasSuffix(".parquet") || name.hasSuffix(".parq") {
                found.append((path, partition))
            }
        }
    }
}
