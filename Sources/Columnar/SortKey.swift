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

    /// -1, 0 or 1 comparing rows i and j under this key.
    @inline(__always)
    func compare(_ i: Int, _ j: Int) -> Int {
        switch self {
        case .int64(let a, let d): return Self.order(a[i], a[j], d)
        case .int32(let a, let d): return Self.order(a[i], a[j], d)
        case .double(let a, let d): return Self.order(a[i], a[j], d)
        case .string(let a, let d):
            switch (a[i], a[j]) {
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            case (let x?, let y?):
                let c = Self.bytes(x, y)
                return d ? -c : c
            }
        }
    }

    @inline(__always)
    static func order<T: Comparable>(_ x: T, _ y: T, _ descending: Bool) -> Int {
        if x == y { return 0 }
        return (x < y) != descending ? -1 : 1
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
public enum Sorting {
    /// The row order (a permutation of 0..<count) that sorts by `keys`, first key first.
    public static func permutation(count: Int, by keys: [SortKey]) -> [Int32] {
        for k in keys { precondition(k.count == count, "sort key of \(k.count) rows for \(count) rows") }
        var perm = (0..<Int32(count)).map { $0 }
        perm.sort { a, b in
            let i = Int(a), j = Int(b)
            for k in keys {
                let c = k.compare(i, j)
                if c != 0 { return c < 0 }
            }
            return a < b
        }
        return perm
    }

    /// Byte-wise UTF-8 `<` for strings, for callers sorting their own values.
    public static func less(_ x: String, _ y: String) -> Bool { SortKey.bytes(x, y) < 0 }
}
