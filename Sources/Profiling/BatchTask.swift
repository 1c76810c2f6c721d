import Lake

/// One piece of per-row-group work with its own state. The tasks of a row group run at once on
/// the available cores; each mutates only itself, and batches arrive one after another.
protocol BatchTask: AnyObject, Sendable {
    func consume(_ batch: RowGroupBatch)
}

extension ColumnVector {
    /// Calls `body(row, value)` for every non-null, non-NaN number (as a Double) among `rows`.
    @inline(__always)
    func forEachNumber(in rows: Range<Int>? = nil, _ body: (Int, Double) -> Void) {
        let rows = rows ?? 0..<count
        switch values {
        case .int32(let v), .date(let v):
            for i in rows where validity?[i] ?? true { body(i, Double(v[i])) }
        case .int64(let v), .timestamp(let v):
            for i in rows where validity?[i] ?? true { body(i, Double(v[i])) }
        case .double(let v):
            for i in rows where (validity?[i] ?? true) && !v[i].isNaN { body(i, v[i]) }
        case .decimal(let v):
            for i in rows where validity?[i] ?? true { body(i, Cents.double(v[i])) }
        case .boolean, .string, .dictionary:
            break
        }
    }

    /// Row `i` as a Double, NaN when null (or NaN, or not a number column).
    @inline(__always)
    func numberOrNaN(_ i: Int) -> Double {
        if let validity, !validity[i] { return .nan }
        switch values {
        case .int32(let v), .date(let v): return Double(v[i])
        case .int64(let v), .timestamp(let v): return Double(v[i])
        case .double(let v): return v[i]
        case .decimal(let v): return Cents.double(v[i])
        case .boolean, .string, .dictionary: return .nan
        }
    }
}
