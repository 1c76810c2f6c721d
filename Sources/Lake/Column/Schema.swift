/// The logical column types rxpipe stores. Each maps to one Parquet physical type plus an
/// annotation: `string` is BYTE_ARRAY + STRING, `date` is INT32 + DATE (days since 1970-01-01),
/// `decimal` is INT64 + DECIMAL(18,2) (exact money, held in memory as cents; see `Cents`),
/// `timestamp` is INT64 + TIMESTAMP(UTC, MICROS) (microseconds since 1970-01-01T00:00:00Z; read
/// from Spark's INT96 and from TIMESTAMP in milliseconds, microseconds or nanoseconds).
public enum ColumnType: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case boolean, int32, int64, double, string, date, timestamp
    case decimal = "decimal(18,2)"
    public var description: String { rawValue }

    var physical: PhysicalType {
        switch self {
        case .boolean: return .boolean
        case .int32, .date: return .int32
        case .int64, .decimal, .timestamp: return .int64
        case .double: return .double
        case .string: return .byteArray
        }
    }
}

/// One column of a flat schema.
public struct Field: Sendable, Equatable, Codable {
    public var name: String
    public var type: ColumnType
    public var nullable: Bool

    public init(_ name: String, _ type: ColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// A flat schema: an ordered list of uniquely named fields.
public struct Schema: Sendable, Equatable, Codable {
    public var fields: [Field]

    public init(_ fields: [Field]) { self.fields = fields }

    /// Index of the field named `name`, if any.
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// Throws when names repeat or are empty: Parquet and every SQL reader need unique names.
    public func validate() throws {
        var seen = Set<String>()
        guard !fields.isEmpty else { throw LakeError.invalidInput("a schema needs at least one column") }
        for f in fields {
            guard !f.name.isEmpty else { throw LakeError.invalidInput("column names cannot be empty") }
            guard seen.insert(f.name).inserted else { throw LakeError.invalidInput("column \(f.name) appears twice in the schema") }
        }
    }
}
