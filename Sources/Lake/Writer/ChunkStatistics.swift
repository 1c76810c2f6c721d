/// Column-chunk statistics as readers expect them (see the format brief, section 9):
/// signed order for integers, byte order for strings, NaN ignored for doubles with -0.0 as a
/// zero minimum and +0.0 as a zero maximum.
enum ChunkStatistics {
    /// `distinctStrings`: the distinct non-null values of a string column, when the encoder
    /// has them (its dictionary); min/max over them equal min/max over the rows, for far fewer
    /// comparisons.
    static func compute(_ column: ColumnVector, nonNull: Int, distinctStrings: StringArray? = nil) -> Statistics {
        var s = Statistics()
        s.nullCount = Int64(column.count - nonNull)
        let valid = column.validity
        switch column.values {
        case .boolean(let v):
            var lo = true, hi = false, any = false
            for i in v.indices where valid?[i] ?? true { any = true; lo = lo && v[i]; hi = hi || v[i] }
            if any { s.minValue = [lo ? 1 : 0]; s.maxValue = [hi ? 1 : 0] }
        case .int32(let v), .date(let v):
            if let (lo, hi) = minMax(v, valid) { s.minValue = le(lo); s.maxValue = le(hi) }
        case .int64(let v), .decimal(let v), .timestamp(let v):
            if let (lo, hi) = minMax(v, valid) { s.minValue = le(lo); s.maxValue = le(hi) }
        case .double(let v):
            var lo = Double.infinity, hi = -Double.infinity, nan: Int64 = 0, any = false
            v.withUnsafeBufferPointer { p in
                for i in 0..<p.count where valid?[i] ?? true {
                    let x = p[i]
                    if x.isNaN { nan += 1; continue }
                    any = true
                    if x < lo || (x == 0 && lo == 0 && x.sign == .minus) { lo = x }
                    if x > hi || (x == 0 && hi == 0 && x.sign == .plus) { hi = x }
                }
            }
            s.nanCount = nan
            if any {
                if lo == 0 { lo = -0.0 }
                if hi == 0 { hi = 0.0 }
                s.minValue = le(lo.bitPattern)
                s.maxValue = le(hi.bitPattern)
            }
        case .string(let a):
            if let d = distinctStrings {
                if let (lo, hi) = stringMinMax(d, rows: 0..<d.count, valid: nil) { s.minValue = lo; s.maxValue = hi }
            } else if let (lo, hi) = stringMinMax(a, rows: 0..<a.count, valid: valid) { s.minValue = lo; s.maxValue = hi }
        case .dictionary where distinctStrings != nil:
            // The encoder's dictionary holds exactly the entries some non-null row uses.
            if let (lo, hi) = stringMinMax(distinctStrings!, rows: 0..<distinctStrings!.count, valid: nil) { s.minValue = lo; s.maxValue = hi }
        case .dictionary(let d):
            // Only entries some non-null row uses count.
            var used = [Bool](repeating: false, count: d.dictionary.count)
            let n = d.dictionary.count
            used.withUnsafeMutableBufferPointer { u in
                d.indices.withUnsafeBufferPointer { idx in
                    for i in 0..<idx.count where valid?[i] ?? true {
                        let k = Int(idx[i])
                        if k >= 0 && k < n { u[k] = true }
                    }
                }
            }
            if let (lo, hi) = stringMinMax(d.dictionary, rows: 0..<d.dictionary.count, valid: used) { s.minValue = lo; s.maxValue = hi }
        }
        return s
    }

    private static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    private static func minMax<T: FixedWidthInteger>(_ v: [T], _ valid: [Bool]?) -> (T, T)? {
        var lo = T.max, hi = T.min, any = false
        v.withUnsafeBufferPointer { p in
            if let valid {
                for i in 0..<p.count where valid[i] { any = true; lo = min(lo, p[i]); hi = max(hi, p[i]) }
            } else if !p.isEmpty {
                any = true
                for x in p { lo = min(lo, x); hi = max(hi, x) }
            }
        }
        return any ? (lo, hi) : nil
    }

    private static func stringMinMax(_ a: StringArray, rows: Range<Int>, valid: [Bool]?) -> ([UInt8], [UInt8])? {
        var lo = -1, hi = -1
        a.bytes.withUnsafeBytes { b in
            a.offsets.withUnsafeBufferPointer { o in
                func view(_ i: Int) -> UnsafeRawBufferPointer {
                    UnsafeRawBufferPointer(rebasing: b[Int(o[i])..<Int(o[i + 1])])
                }
                for i in rows where valid?[i] ?? true {
                    if lo < 0 { lo = i; hi = i; continue }
                    let v = view(i)
                    if ByteOrder.compare(v, view(lo)) < 0 { lo = i }
                    if ByteOrder.compare(v, view(hi)) > 0 { hi = i }
                }
            }
        }
        guard lo >= 0 else { return nil }
        return (a.withBytes(lo) { Array($0) }, a.withBytes(hi) { Array($0) })
    }
}
