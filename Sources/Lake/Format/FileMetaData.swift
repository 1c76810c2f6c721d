/// The Parquet footer and the structs it holds, with the fields a flat reader/writer needs.
/// Field ids follow parquet.thrift; unknown fields are skipped when reading.

public struct Statistics: Sendable, Equatable {
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var minValue: [UInt8]?
    public var maxValue: [UInt8]?
    /// Deprecated signed-order min/max (fields 1 and 2), used only when min_value/max_value are absent.
    public var legacyMin: [UInt8]?
    public var legacyMax: [UInt8]?
    public var nanCount: Int64?
    public init() {}
}

public struct SchemaElement: Sendable, Equatable {
    public var type: Int32?
    public var typeLength: Int32?
    public var repetition: Int32?
    public var name: String = ""
    public var numChildren: Int32?
    public var convertedType: Int32?
    public var scale: Int32?
    public var precision: Int32?
    /// Id of the LogicalType union member that is set (1 STRING, 6 DATE, 8 TIMESTAMP, 10 INTEGER, …).
    public var logicalType: Int16?
    /// TIMESTAMP's unit: the TimeUnit union member (1 MILLIS, 2 MICROS, 3 NANOS).
    public var timestampUnit: Int16?
    /// TIMESTAMP's isAdjustedToUTC (false: a local date-time, Spark's TIMESTAMP_NTZ).
    public var timestampIsAdjustedToUTC: Bool?
}

public struct ColumnMetaData: Sendable, Equatable {
    public var type: Int32 = 0
    public var encodings: [Int32] = []
    public var pathInSchema: [String] = []
    public var codec: Int32 = 0
    public var numValues: Int64 = 0
    public var totalUncompressedSize: Int64 = 0
    public var totalCompressedSize: Int64 = 0
    public var dataPageOffset: Int64 = 0
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
}

public struct ColumnChunk: Sendable, Equatable {
    public var filePath: String?
    public var fileOffset: Int64 = 0
    public var metaData: ColumnMetaData?
}

public struct RowGroup: Sendable, Equatable {
    public var columns: [ColumnChunk] = []
    public var totalByteSize: Int64 = 0
    public var numRows: Int64 = 0
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?
}

public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String?
}

public struct FileMetaData: Sendable, Equatable {
    public var version: Int32 = 1
    public var schema: [SchemaElement] = []
    public var numRows: Int64 = 0
    public var rowGroups: [RowGroup] = []
    public var keyValueMetadata: [KeyValue] = []
    public var createdBy: String?
    /// Number of ColumnOrder entries and whether all of them are TYPE_ORDER.
    public var columnOrdersAreTypeDefined: Bool = false
    public var hasEncryption: Bool = false
}

// MARK: - Decoding

extension Statistics {
    static func read(_ r: inout CompactReader) throws -> Statistics {
        var s = Statistics()
        try r.readStruct { r, id, _ in
            switch id {
            case 1: s.legacyMax = try r.readBinary()
            case 2: s.legacyMin = try r.readBinary()
            case 3: s.nullCount = try r.readI64()
            case 4: s.distinctCount = try r.readI64()
            case 5: s.maxValue = try r.readBinary()
            case 6: s.minValue = try r.readBinary()
            case 9: s.nanCount = try r.readI64()
            default: return false
            }
            return true
        }
        return s
    }

    func write(_ w: inout CompactWriter) {
        if let legacyMax { w.field(1, binary: legacyMax) }
        if let legacyMin { w.field(2, binary: legacyMin) }
        if let nullCount { w.field(3, i64: nullCount) }
        if let distinctCount { w.field(4, i64: distinctCount) }
        if let maxValue { w.field(5, binary: maxValue) }
        if let minValue { w.field(6, binary: minValue) }
        if maxValue != nil { w.field(7, bool: true) }
        if minValue != nil { w.field(8, bool: true) }
        if let nanCount { w.field(9, i64: nanCount) }
    }
}

extension SchemaElement {
    static func read(_ r: inout CompactReader) throws -> SchemaElement {
        var e = SchemaElement()
        try r.readStruct { r, id, _ in
            switch id {
            case 1: e.type = try r.readI32()
            case 2: e.typeLength = try r.readI32()
            case 3: e.repetition = try r.readI32()
            case 4: e.name = try r.readString()
            case 5: e.numChildren = try r.readI32()
            case 6: e.convertedType = try r.readI32()
            case 7: e.scale = try r.readI32()
            case 8: e.precision = try r.readI32()
            case 10:
                var member: Int16?
                try r.readStruct { r, id, _ in
                    guard member == nil else { return false }
                    member = id
                    switch id {
                    case 5:
                        // DECIMAL{1: scale, 2: precision}; the legacy fields 7 and 8 may be absent.
                        try r.readStruct { r, field, _ in
                            switch field {
                            case 1: e.scale = try r.readI32()
                            case 2: e.precision = try r.readI32()
                            default: return false
                            }
                            return true
                        }
                    case 8:
                        // TIMESTAMP{1: isAdjustedToUTC, 2: unit (union MILLIS 1, MICROS 2, NANOS 3)}.
                        try r.readStruct { r, field, _ in
                            switch field {
                            case 1: e.timestampIsAdjustedToUTC = try r.readBool()
                            case 2:
                                try r.readStruct { _, unit, _ in
                                    if e.timestampUnit == nil { e.timestampUnit = unit }
                                    return false
                                }
                            default: return false
                            }
                            return true
                        }
                    default: return false
                    }
                    return true
                }
                e.logicalType = member
            default: return false
            }
            return true
        }
        return e
    }

    func write(_ w: inout CompactWriter) {
        if let type { w.field(1, i32: type) }
        if let typeLength { w.field(2, i32: typeLength) }
        if let repetition { w.field(3, i32: repetition) }
        w.field(4, string: name)
        if let numChildren { w.field(5, i32: numChildren) }
        if let convertedType { w.field(6, i32: convertedType) }
        if let scale { w.field(7, i32: scale) }
        if let precision { w.field(8, i32: precision) }
        if let logicalType {
            // STRING and DATE are empty structs; DECIMAL carries its scale and precision,
            // TIMESTAMP its UTC flag and unit.
            w.field(10) { u in
                u.field(logicalType) { d in
                    if logicalType == 5, let scale, let precision {
                        d.field(1, i32: scale)
                        d.field(2, i32: precision)
                    }
                    if logicalType == 8, let timestampUnit {
                        d.field(1, bool: timestampIsAdjustedToUTC ?? true)
                        d.field(2) { unit in unit.field(timestampUnit) { _ in } }
                    }
                }
            }
        }
    }
}

extension ColumnMetaData {
    static func read(_ r: inout CompactReader) throws -> ColumnMetaData {
        var m = ColumnMetaData()
        var seen = Set<Int16>()
        try r.readStruct { r, id, _ in
            switch id {
            case 1: m.type = try r.readI32()
            case 2:
                let (_, n) = try r.readListHeader()
                m.encodings = try (0..<n).map { _ in try r.readI32() }
            case 3:
                let (_, n) = try r.readListHeader()
                m.pathInSchema = try (0..<n).map { _ in try r.readString() }
            case 4: m.codec = try r.readI32()
            case 5: m.numValues = try r.readI64()
            case 6: m.totalUncompressedSize = try r.readI64()
            case 7: m.totalCompressedSize = try r.readI64()
            case 9: m.dataPageOffset = try r.readI64()
            case 11: m.dictionaryPageOffset = try r.readI64()
            case 12: m.statistics = try Statistics.read(&r)
            default: return false
            }
            seen.insert(id)
            return true
        }
        for required: Int16 in [1, 3, 4, 5, 7, 9] where !seen.contains(required) {
            throw FormatError("ColumnMetaData lacks required field \(required)")
        }
        return m
    }

    func write(_ w: inout CompactWriter) {
        w.field(1, i32: type)
        w.field(2, i32s: encodings)
        w.field(3, strings: pathInSchema)
        w.field(4, i32: codec)
        w.field(5, i64: numValues)
        w.field(6, i64: totalUncompressedSize)
        w.field(7, i64: totalCompressedSize)
        w.field(9, i64: dataPageOffset)
        if let dictionaryPageOffset { w.field(11, i64: dictionaryPageOffset) }
        if let statistics { w.field(12) { statistics.write(&$0) } }
    }
}

extension ColumnChunk {
    static func read(_ r: inout CompactReader) throws -> ColumnChunk {
        var c = ColumnChunk()
        try r.readStruct { r, id, _ in
            switch id {
            case 1: c.filePath = try r.readString()
            case 2: c.fileOffset = try r.readI64()
            case 3: c.metaData = try ColumnMetaData.read(&r)
            default: return false
            }
            return true
        }
        return c
    }

    func write(_ w: inout CompactWriter) {
        w.field(2, i64: fileOffset)
        if let metaData { w.field(3) { metaData.write(&$0) } }
    }
}

extension RowGroup {
    static func read(_ r: inout CompactReader) throws -> RowGroup {
        var g = RowGroup()
        try r.readStruct { r, id, _ in
            switch id {
            case 1: g.columns = try r.readList("columns") { try ColumnChunk.read(&$0) }
            case 2: g.totalByteSize = try r.readI64()
            case 3: g.numRows = try r.readI64()
            case 5: g.fileOffset = try r.readI64()
            case 6: g.totalCompressedSize = try r.readI64()
            case 7: g.ordinal = try r.readI16()
            default: return false
            }
            return true
        }
        return g
    }

    func write(_ w: inout CompactWriter) {
        w.field(1, structs: columns) { w, c in c.write(&w) }
        w.field(2, i64: totalByteSize)
        w.field(3, i64: numRows)
        if let fileOffset { w.field(5, i64: fileOffset) }
        if let totalCompressedSize { w.field(6, i64: totalCompressedSize) }
        if let ordinal { w.field(7, i16: ordinal) }
    }
}

extension FileMetaData {
    static func read(_ r: inout CompactReader) throws -> FileMetaData {
        var f = FileMetaData()
        var seen = Set<Int16>()
        try r.readStruct { r, id, _ in
            switch id {
            case 1: f.version = try r.readI32()
            case 2: f.schema = try r.readList("schema") { try SchemaElement.read(&$0) }
            case 3: f.numRows = try r.readI64()
            case 4: f.rowGroups = try r.readList("row_groups") { try RowGroup.read(&$0) }
            case 5:
                f.keyValueMetadata = try r.readList("key_value_metadata") { r in
                    var kv = KeyValue(key: "", value: nil)
                    try r.readStruct { r, id, _ in
                        switch id {
                        case 1: kv.key = try r.readString()
                        case 2: kv.value = try r.readString()
                        default: return false
                        }
                        return true
                    }
                    return kv
                }
            case 6: f.createdBy = try r.readString()
            case 7:
                var allType = true
                let orders = try r.readList("column_orders") { r -> Bool in
                    var isType = false
                    try r.readStruct { _, id, _ in
                        if id == 1 { isType = true }
                        return false
                    }
                    return isType
                }
                for o in orders where !o { allType = false }
                f.columnOrdersAreTypeDefined = allType && !orders.isEmpty
            case 8, 9: f.hasEncryption = true; return false
            default: return false
            }
            seen.insert(id)
            return true
        }
        for required: Int16 in [1, 2, 3, 4] where !seen.contains(required) {
            throw FormatError("FileMetaData lacks required field \(required)")
        }
        return f
    }

    func write(_ w: inout CompactWriter) {
        w.field(1, i32: version)
        w.field(2, structs: schema) { w, e in e.write(&w) }
        w.field(3, i64: numRows)
        w.field(4, structs: rowGroups) { w, g in g.write(&w) }
        if !keyValueMetadata.isEmpty {
            w.field(5, structs: keyValueMetadata) { w, kv in
                w.field(1, string: kv.key)
                if let v = kv.value { w.field(2, string: v) }
            }
        }
        if let createdBy { w.field(6, string: createdBy) }
        let leaves = max(0, schema.count - 1)
        w.field(7, structs: Array(repeating: 0, count: leaves)) { w, _ in w.field(1) { _ in } }
    }
}
