/// Encoding of statistics min/max values: PLAIN without a length prefix.
enum StatisticsCoding {
    /// `decimalScale`: the stored scale of a DECIMAL column; its INT32/INT64 bounds are
    /// rescaled to cents (byte-array decimal bounds are not used for pruning).
    static func decode(_ b: [UInt8], type: ColumnType, physical: PhysicalType, decimalScale: Int32? = nil) -> Value? {
        func le<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard b.count == MemoryLayout<T>.size else { return nil }
            return b.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
        }
        switch type {
        case .boolean: return b.count == 1 ? .boolean(b[0] != 0) : nil
        case .int32: return le(Int32.self).map { .int32($0) }
        case .date: return le(Int32.self).map { .date($0) }
        case .int64: return le(Int64.self).map { .int64($0) }
        // INT96 and millisecond/nanosecond bounds are not used for pruning.
        case .timestamp: return nil
        case .double:
            if physical == .float { return le(UInt32.self).map { .double(Double(Float(bitPattern: $0))) } }
            return le(UInt64.self).map { .double(Double(bitPattern: $0)) }
        case .string: return .string(String(decoding: b, as: UTF8.self))
        case .decimal:
            let stored: Int64?
            switch physical {
            case .int32: stored = le(Int32.self).map(Int64.init)
            case .int64: stored = le(Int64.self)
            default: stored = nil
            }
            return stored.flatMap { DecimalRescale.toCents($0, scale: decimalScale ?? Cents.scale) }.map { .decimal($0) }
        }
    }

    static func encode(_ v: Value) -> [UInt8] {
        switch v {
        case .null: return []
        case .boolean(let x): return [x ? 1 : 0]
        case .int32(let x), .date(let x): return withUnsafeBytes(of: x.littleEndian) { Array($0) }
        case .int64(let x), .decimal(let x), .timestamp(let x): return withUnsafeBytes(of: x.littleEndian) { Array($0) }
        case .double(let x): return withUnsafeBytes(of: x.bitPattern.littleEndian) { Array($0) }
        case .string(let s): return Array(s.utf8)
        }
    }
}
