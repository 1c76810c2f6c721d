import Lake

extension ColumnVector {
    /// Joins vectors of one type end to end (the blocks of a batch). Dictionary columns are
    /// materialised first.
    static func concatenate(_ parts: [ColumnVector]) -> ColumnVector {
        guard parts.count > 1 else { return parts.first ?? ColumnVector(.int64([])) }
        let hasNulls = parts.contains { $0.validity != nil }
        let validity: [Bool]? = hasNulls ? parts.flatMap { $0.validity ?? Array(repeating: true, count: $0.count) } : nil
        var booleans: [Bool] = [], int32s: [Int32] = [], int64s: [Int64] = [], doubles: [Double] = []
        var offsets: [Int32] = [0], bytes: [UInt8] = []
        for part in parts {
            switch part.materialized().values {
            case .boolean(let v): booleans += v
            case .int32(let v), .date(let v): int32s += v
            case .int64(let v): int64s += v
            case .double(let v): doubles += v
            case .string(let array):
                let base = Int32(bytes.count)
                bytes += array.bytes
                offsets += array.offsets.dropFirst().map { $0 + base }
            case .dictionary: preconditionFailure("materialized() leaves no dictionary")
            }
        }
        switch parts[0].values {
        case .boolean: return ColumnVector(.boolean(booleans), validity: validity)
        case .int32: return ColumnVector(.int32(int32s), validity: validity)
        case .date: return ColumnVector(.date(int32s), validity: validity)
        case .int64: return ColumnVector(.int64(int64s), validity: validity)
        case .double: return ColumnVector(.double(doubles), validity: validity)
        case .string, .dictionary: return ColumnVector(.string(StringArray(offsets: offsets, bytes: bytes)), validity: validity)
        }
    }
}
