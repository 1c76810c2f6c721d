extension ColumnVector {
    /// Rows `range` as a new column (copies; used to split batches into row groups).
    public func slice(_ range: Range<Int>) -> ColumnVector {
        let v = validity.map { Array($0[range]) }
        switch values {
        case .boolean(let a): return ColumnVector(.boolean(Array(a[range])), validity: v)
        case .int32(let a): return ColumnVector(.int32(Array(a[range])), validity: v)
        case .int64(let a): return ColumnVector(.int64(Array(a[range])), validity: v)
        case .decimal(let a): return ColumnVector(.decimal(Array(a[range])), validity: v)
        case .timestamp(let a): return ColumnVector(.timestamp(Array(a[range])), validity: v)
        case .double(let a): return ColumnVector(.double(Array(a[range])), validity: v)
        case .date(let a): return ColumnVector(.date(Array(a[range])), validity: v)
        case .string(let s):
            let a = Int(s.offsets[range.lowerBound]), b = Int(s.offsets[range.upperBound])
            let offs = s.offsets[range.lowerBound...range.upperBound].map { $0 - Int32(a) }
            return ColumnVector(.string(StringArray(uncheckedOffsets: offs, bytes: Array(s.bytes[a..<b]))), validity: v)
        case .dictionary(let d):
            return ColumnVector(.dictionary(DictionaryArray(dictionary: d.dictionary, indices: Array(d.indices[range]))), validity: v)
        }
    }
}
