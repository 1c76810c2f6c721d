/// How a Parquet column stores a timestamp. rxpipe reads every form as microseconds since
/// 1970-01-01T00:00:00Z (`ColumnType.timestamp`).
public enum TimestampStorage: String, Sendable, Equatable {
    /// Spark's and Impala's legacy 12 bytes: nanoseconds of the day (8 bytes, little-endian)
    /// then the Julian day number (4 bytes, little-endian). Spark writes it by default
    /// (`spark.sql.parquet.outputTimestampType=INT96`).
    case int96
    case milliseconds, microseconds, nanoseconds

    /// The unit of an INT64 column annotated TIMESTAMP (logical type or the legacy converted
    /// types TIMESTAMP_MILLIS / TIMESTAMP_MICROS), or nil when it is not a timestamp.
    /// A TIMESTAMP that is not adjusted to UTC (Spark's TIMESTAMP_NTZ) is read as if it were
    /// UTC: the wall-clock digits are kept.
    static func int64(_ e: SchemaElement) -> TimestampStorage? {
        if e.logicalType == 8 {
            switch e.timestampUnit {
            case 1: return .milliseconds
            case 2: return .microseconds
            case 3: return .nanoseconds
            default: return nil
            }
        }
        switch e.convertedType {
        case ConvertedType.timestampMillis: return .milliseconds
        case ConvertedType.timestampMicros: return .microseconds
        default: return nil
        }
    }
}

/// Conversion of stored timestamps to microseconds, refusing a value that would lose digits
/// or overflow (as `DecimalRescale` does for money): what is read is what was written.
enum TimestampRescale {
    /// The Julian day number of 1970-01-01.
    static let unixEpochJulianDay: Int64 = 2_440_588
    static let microsecondsPerDay: Int64 = 86_400_000_000

    static func microseconds(ints: [Int64], validity: [Bool]?, storage: TimestampStorage, column: String) throws -> [Int64] {
        switch storage {
        case .microseconds, .int96: return ints
        case .milliseconds:
            return try ints.enumerated().map { i, v in
                guard validity?[i] ?? true else { return 0 }
                let (m, o) = v.multipliedReportingOverflow(by: 1000)
                guard !o else { throw outOfRange(column) }
                return m
            }
        case .nanoseconds:
            return try ints.enumerated().map { i, v in
                guard validity?[i] ?? true else { return 0 }
                guard v % 1000 == 0 else { throw subMicrosecond(column) }
                return v / 1000
            }
        }
    }

    /// INT96 values (12-byte strings) as microseconds.
    static func microseconds(int96 values: StringArray, validity: [Bool]?, column: String) throws -> [Int64] {
        var out = [Int64](repeating: 0, count: values.count)
        for i in 0..<values.count where validity?[i] ?? true {
            out[i] = try values.withBytes(i) { raw -> Int64 in
                guard raw.count == 12 else { throw FormatError("column \(column): an INT96 value has \(raw.count) bytes, not 12") }
                let nanos = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: Int64.self))
                let julianDay = Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int32.self)))
                guard nanos >= 0, nanos < microsecondsPerDay * 1000 else {
                    throw FormatError("column \(column): an INT96 timestamp has \(nanos) nanoseconds of the day")
                }
                guard nanos % 1000 == 0 else { throw subMicrosecond(column) }
                let (dayMicros, o) = (julianDay - unixEpochJulianDay).multipliedReportingOverflow(by: microsecondsPerDay)
                let (total, o2) = dayMicros.addingReportingOverflow(nanos / 1000)
                guard !o, !o2 else { throw outOfRange(column) }
                return total
            }
        }
        return out
    }

    private static func subMicrosecond(_ column: String) -> FormatError {
        FormatError("column \(column): a timestamp has digits below a microsecond, which rxpipe does not keep")
    }

    private static func outOfRange(_ column: String) -> FormatError {
        FormatError("column \(column): a timestamp is outside the range of microseconds since 1970 in 64 bits")
    }
}
