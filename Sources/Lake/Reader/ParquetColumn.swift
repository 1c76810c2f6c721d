/// One leaf column of a Parquet file as rxpipe sees it.
public struct ParquetColumn: Sendable, Equatable {
    public let name: String
    public let physicalType: PhysicalType?
    /// The type values are read as; nil when the column cannot be read (see `unsupported`).
    public let type: ColumnType?
    public let nullable: Bool
    /// Why this column cannot be read (e.g. "INT96 (legacy timestamp)"), or nil.
    public let unsupported: String?
    /// Logical annotation for display (STRING, DATE, TIMESTAMP, …).
    public let annotation: String?
    /// Digits after the point of a DECIMAL column as stored (0…2; values are read as cents).
    public var decimalScale: Int32? = nil
    /// Bytes per value of a FIXED_LEN_BYTE_ARRAY column (12 for INT96).
    public var typeLength: Int32? = nil
    /// How a timestamp column stores its instants (read as microseconds since the epoch).
    public var timestampStorage: TimestampStorage? = nil

    var field: Field? { type.map { Field(name, $0, nullable: nullable) } }

    /// Maps a leaf SchemaElement to the column rxpipe reads it as.
    static func from(_ e: SchemaElement) -> ParquetColumn {
        let physical = e.type.flatMap(PhysicalType.init(rawValue:))
        var timestampStorage: TimestampStorage?
        let nullable = e.repetition != Repetition.required.rawValue
        var type: ColumnType?
        var unsupported: String?
        let annotation = annotationName(e)
        if e.repetition == Repetition.repeated.rawValue {
            unsupported = "a repeated (nested) field"
        } else if e.logicalType == 7 || e.convertedType == 7 || e.convertedType == 8 {
            // Read as plain integers these would print as counts of milli- or microseconds.
            unsupported = "TIME (a time of day)"
        } else if e.logicalType == 5 || e.convertedType == ConvertedType.decimal {
            let p = e.precision ?? 0, s = e.scale ?? 0
            if let physical, (1...maximumDecimalPrecision(physical)).contains(p), (0...Cents.scale).contains(s) {
                type = .decimal
            } else {
                unsupported = "DECIMAL(\(p),\(s)) (rxpipe reads at most \(Cents.scale) decimals and values of at most \(Cents.precision) digits)"
            }
        } else if let physical {
            switch physical {
            case .boolean: type = .boolean
            case .int32: type = (e.logicalType == 6 || e.convertedType == ConvertedType.date) ? .date : .int32
            case .int64:
                if let storage = TimestampStorage.int64(e) {
                    type = .timestamp
                    timestampStorage = storage
                } else if e.logicalType == 8 {
                    unsupported = "TIMESTAMP without a unit rxpipe knows"
                } else {
                    type = .int64
                }
            case .float, .double: type = .double
            case .byteArray: type = .string
            case .int96:
                type = .timestamp
                timestampStorage = .int96
            case .fixedLenByteArray: unsupported = "FIXED_LEN_BYTE_ARRAY"
            }
        } else {
            unsupported = "physical type \(e.type.map(String.init) ?? "none")"
        }
        var column = ParquetColumn(name: e.name, physicalType: physical, type: type, nullable: nullable, unsupported: unsupported, annotation: annotation)
        if type == .decimal { column.decimalScale = e.scale ?? 0 }
        column.typeLength = physical == .int96 ? 12 : e.typeLength
        column.timestampStorage = timestampStorage
        return column
    }

    /// The widest DECIMAL precision rxpipe reads from a physical type. Byte-array decimals
    /// (Spark writes a `sum` of DECIMAL(18,2) as DECIMAL(28,2) in FIXED_LEN_BYTE_ARRAY) are read
    /// up to the format's 38 digits, each value checked to fit DECIMAL(18,2) (`DecimalRescale`).
    private static func maximumDecimalPrecision(_ physical: PhysicalType) -> Int32 {
        switch physical {
        case .int32: return 9
        case .int64: return Cents.precision
        case .fixedLenByteArray, .byteArray: return 38
        case .boolean, .int96, .float, .double: return 0
        }
    }

    private static func annotationName(_ e: SchemaElement) -> String? {
        if let l = e.logicalType {
            let names: [Int16: String] = [1: "STRING", 2: "MAP", 3: "LIST", 4: "ENUM", 5: "DECIMAL", 6: "DATE", 7: "TIME", 8: "TIMESTAMP",
                                          10: "INTEGER", 11: "UNKNOWN", 12: "JSON", 13: "BSON", 14: "UUID", 15: "FLOAT16"]
            return names[l] ?? "logical type \(l)"
        }
        if let c = e.convertedType {
            let names: [Int32: String] = [0: "UTF8", 5: "DECIMAL", 6: "DATE", 9: "TIMESTAMP_MILLIS", 10: "TIMESTAMP_MICROS",
                                          15: "INT_8", 16: "INT_16", 17: "INT_32", 18: "INT_64", 19: "JSON"]
            return names[c] ?? "converted type \(c)"
        }
        return nil
    }
}

/// Min, max and null count of one column chunk, decoded from the footer.
public struct ColumnStatistics: Sendable, Equatable {
    public var nullCount: Int64?
    public var min: Value?
    public var max: Value?
    public var nanCount: Int64?
}

/// Which row groups a scan may skip: a row group is skipped only when its statistics prove
/// that no row can match.
public indirect enum RowGroupPredicate: Sendable {
    /// Rows where `column == value`.
    case equals(String, Value)
    /// Rows where `min <= column <= max` (either bound may be nil).
    case between(String, min: Value?, max: Value?)
    case and([RowGroupPredicate])
    case or([RowGroupPredicate])
}

/// The projected columns of one row group.
public struct RowGroupBatch: Sendable {
    public let index: Int
    public let rowCount: Int
    public let fields: [Field]
    public let columns: [ColumnVector]

    /// The column named `name`, if it was projected.
    public subscript(name: String) -> ColumnVector? {
        fields.firstIndex { $0.name == name }.map { columns[$0] }
    }
}

/// Options for reading.
public struct ReadOptions: Sendable {
    /// Keep dictionary-encoded string chunks as `.dictionary` (fast group-by); false expands them.
    public var keepDictionary: Bool = true
    /// Decode the projected columns of a row group on several threads.
    public var parallel: Bool = true
    /// Row groups `scan` holds at once when parallel: the one in the body plus those decoded
    /// ahead of it on worker threads (bounded read-ahead; see `ScanPipeline`).
    public var window: Int = 4
    public init(keepDictionary: Bool = true, parallel: Bool = true, window: Int = 4) {
        self.keepDictionary = keepDictionary
        self.parallel = parallel
        self.window = window
    }
}
