/// One key of a multi-key sort: a column of values and a direction. Strings compare by their
/// UTF-8 bytes (the Parquet and DuckDB order); nulls sort last in either direction.
public enum SortKey: Sendable {
    case int64([Int64], descending: Bool = false)
    case int32([Int32], descending: Bool = false)
    case double([Double], descending: Bool = false)
    case string([String?], descending: Bool = false)

    var count: Int {
        switch self {
        case .int64(let a, _): return a.count
        case .int32(let a, _): return a.count
        case .double(let a, _): return a.count
        case .string(let a, _): return a.count
        }
    }

    /// Byte-wise comparison of the UTF-8 forms (not Swift's Unicode-aware `<`).
    static func bytes(_ x: String, _ y: String) -> Int {
        var a = x, b = y
        return a.withUTF8 { p in
            b.withUTF8 { q in
                let n = min(p.count, q.count)
                for k in 0..<n where p[k] != q[k] { return p[k] < q[k] ? -1 : 1 }
                return p.count == q.count ? 0 : (p.count < q.count ? -1 : 1)
            }
        }
    }
}

/// Multi-key sorting that is stable and deterministic: rows equal on every key keep their
/// input order, so the same input always gives the same output order.
///
/// Numeric keys are first turned into order-preserving unsigned codes (their bits,
/// complemented when descending), so most comparisons are plain integer compares; string
/// keys are compared byte-wise only when the keys before them tie.
public enum Sorting {
    /// The row order (a permutation of 0..<count) that sorts by `keys`, first key first.
    public static func permutation(count: Int, by keys: [SortKey]) -> [Int32] {
        for k in keys { precondition(k.count == count, "sort key of \(k.count) rows for \(count) rows") }
        var perm = (0..<Int32(count)).map { $0 }
        guard count > 1, !keys.isEmpty else { return perm }
        var codes = [UnsafeMutableBufferPointer<UInt64>?]()
        var strings = [(values: [String?], descending: Bool)?]()
        defer { for c in codes { c?.deallocate() } }
        for key in keys {
            if case .string(let a, let d) = key {
                codes.append(nil)
                strings.append((a, d))
            } else {
                let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
                _ = buffer.initialize(from: key.orderCodes())
                codes.append(buffer)
                strings.append(nil)
            }
        }
        perm.sort { a, b in
            let i = Int(a), j = Int(b)
            for k in 0..<codes.count {
                if let c = codes[k] {
                    if c[i] != c[j] { return c[i] < c[j] }
                } else {
                    let (values, descending) = strings[k]!
                    switch (values[i], values[j]) {
                    case (nil, nil): continue
                    case (nil, _): return false
                    case (_, nil): return true
                    case (let x?, let y?):
                        let r = SortKey.bytes(x, y)
                        if r != 0 { return descending ? r > 0 : r < 0 }
                    }
                }
            }
            return a < b
        }
        return perm
    }

    /// Byte-wise UTF-8 `<` for strings, for callers sorting their own values.
    public static func less(_ x: String, _ y: String) -> Bool { SortKey.bytes(x, y) < 0 }
}

extension SortKey {
    /// Unsigned codes whose order is this key's order (ascending codes = sorted rows).
    func orderCodes() -> [UInt64] {
        let sign: UInt64 = 1 << 63
        func directed(_ v: [UInt64], _ descending: Bool) -> [UInt64] { descending ? v.map { ~$0 } : v }
        switch self {
        case .int64(let a, let d): return directed(a.map { UInt64(bitPattern: $0) ^ sign }, d)
        case .int32(let a, let d): return directed(a.map { UInt64(bitPattern: Int64($0)) ^ sign }, d)
        case .double(let a, let d):
            return directed(a.map { v in
                let bits = (v == 0 ? 0.0 : v).bitPattern
                return bits & sign != 0 ? ~bits : bits | sign
            }, d)
        case .string:
            preconditionFailure("string keys are compared directly")
        }
    }
}
