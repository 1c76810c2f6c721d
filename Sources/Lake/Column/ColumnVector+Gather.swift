extension ColumnVector {
    /// The rows at `rows` (in that order) as a new column; used to split a batch by partition.
    public func gather(_ rows: [Int32]) -> ColumnVector {
        let v = validity.map { val in rows.map { val[Int($0)] } }
        func pick<T>(_ a: [T]) -> [T] { a.withUnsafeBufferPointer { p in rows.map { p[Int($0)] } } }
        switch values {
        case .boolean(let a): return ColumnVector(.boolean(pick(a)), validity: v)
        case .int32(let a): return ColumnVector(.int32(pick(a)), validity: v)
        case .int64(let a): return ColumnVector(.int64(pick(a)), validity: v)
        case .decimal(let a): return ColumnVector(.decimal(pick(a)), validity: v)
        case .timestamp(let a): return ColumnVector(.timestamp(pick(a)), validity: v)
        case .double(let a): return ColumnVector(.double(pick(a)), validity: v)
        case .date(let a): return ColumnVector(.date(pick(a)), validity: v)
        case .dictionary(let d): return ColumnVector(.dictionary(DictionaryArray(dictionary: d.dictionary, indices: pick(d.indices))), validity: v)
        case .string(let s):
            var b = StringArray.Builder(capacity: rows.count)
            for r in rows { s.withBytes(Int(r)) { try? b.append($0) } }
            return ColumnVector(.string(b.build()), validity: v)
        }
    }
}
