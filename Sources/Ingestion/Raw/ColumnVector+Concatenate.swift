import Lake

extension ColumnVector {
    /// Joins vectors of one type end to end (the blocks of a batch). Dictionary columns are
    /// materialised first.
    static func concatenate(_ parts: [ColumnVector]) -> ColumnVector {
        guard parts.count > 1 else { return parts.first ?? ColumnVector(.int64([])) }
        let hasNulls = parts.contains { $0.validity != nil }
        let validity: [Bool]? = hasNulls ? parts.flatMap { $0.validity ?? Array(repeating: true, count: $0.count) } : nil
        let dictionaries = parts.compactMap { part -> DictionaryArray? in
            if case .dictionary(let d) = part.values { return d }
            return nil
        }
        if dictionaries.count == parts.count { return ColumnVector(.dictionary(merged(dictionaries)), validity: validity) }
        var booleans: [Bool] = [], int32s: [Int32] = [], int64s: [Int64] = [], doubles: [Double] = []
        var offsets: [Int32] = [0], bytes: [UInt8] = []
        for part in parts {
            switch part.materialized().values {
            case .boolean(let v): booleans += v
            case .int32(let v), .date(let v): int32s += v
            case .int64(let v), .decimal(let v), .timestamp(let v): int64s += v
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
        case .decimal: return ColumnVector(.decimal(int64s), validity: validity)
        case .timestamp: return ColumnVector(.timestamp(int64s), validity: validity)
        case .string, .dictionary: return ColumnVector(.string(StringArray(offsets: offsets, bytes: bytes)), validity: validity)
        }
    }

    /// Dictionary parts joined under one dictionary: each part's entries are looked up once
    /// (first-seen order across parts), its codes remapped; no string is copied per row.
    private static func merged(_ parts: [DictionaryArray]) -> DictionaryArray {
        var codeOf: [[UInt8]: Int32] = [:]
        var dictionary = StringArray()
        var indices: [Int32] = []
        indices.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            let remap = (0..<part.dictionary.count).map { entry -> Int32 in
                part.dictionary.withBytes(entry) { bytes in
                    let key = [UInt8](bytes)
                    if let code = codeOf[key] { return code }
                    let code = Int32(codeOf.count)
                    codeOf[key] = code
                    dictionary.append(bytes)
                    return code
                }
            }
            remap.withUnsafeBufferPointer { r in
                for index in part.indices { indices.append(r[Int(index)]) }
            }
        }
        return DictionaryArray(dictionary: dictionary, indices: indices)
    }
}
