import Lake

/// Packs the group columns of a row into one 64-bit key for ``HashAggregate`` and
/// ``KeyIndex``. Each part gets a fixed bit width; a value that does not fit throws rather
/// than colliding silently.
public struct GroupKey: Sendable {
    /// Bit widths of the parts, most significant first; they add up to at most 64.
    public let widths: [Int]

    public init(widths: [Int]) {
        precondition(widths.reduce(0, +) <= 64 && widths.allSatisfy { $0 > 0 }, "group key parts must fit 64 bits")
        self.widths = widths
    }

    /// The key of one row from its part values (each ≥ 0 and below 2^width).
    @inline(__always)
    public func pack(_ parts: UInt64...) -> UInt64 {
        var key: UInt64 = 0
        for (p, w) in zip(parts, widths) { key = w == 64 ? p : (key << UInt64(w)) | p }
        return key
    }

    /// The key of three parts without the variadic array (the hot-loop form).
    @inlinable @inline(__always)
    public func pack(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        precondition(widths.count == 3, "pack(_:_:_:) needs a three-part key")
        return (((a << UInt64(widths[1])) | b) << UInt64(widths[2])) | c
    }

    /// The part values of a key, most significant first.
    public func unpack(_ key: UInt64) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: widths.count)
        var k = key
        for i in widths.indices.reversed() {
            let w = widths[i]
            out[i] = w == 64 ? k : k & ((1 << UInt64(w)) - 1)
            k = w == 64 ? 0 : k >> UInt64(w)
        }
        return out
    }

    /// Keys of whole columns: `parts[j][i]` is part j of row i. Negative codes (nulls) map to
    /// the largest code of their width, so null forms its own group.
    public func keys(_ parts: [[Int32]]) throws -> [UInt64] {
        guard parts.count == widths.count else { throw ColumnarError.lengthMismatch("\(parts.count) key parts for \(widths.count) widths") }
        let n = parts.first?.count ?? 0
        for p in parts where p.count != n { throw ColumnarError.lengthMismatch("key parts of \(n) and \(p.count) rows") }
        var out = [UInt64](repeating: 0, count: n)
        for (j, w) in widths.enumerated() {
            let limit: UInt64 = w >= 64 ? .max : (1 << UInt64(w)) - 1
            for i in 0..<n {
                let c = parts[j][i]
                let v: UInt64 = c < 0 ? limit : UInt64(c)
                guard v <= limit, c < 0 || v < limit else {
                    throw ColumnarError.wrongType(expected: "a key part below 2^\(w) - 1", found: String(c))
                }
                out[i] = w == 64 ? v : (out[i] << UInt64(w)) | v
            }
        }
        return out
    }

    /// Integer key codes of a column: int32 values as they are, strings interned in `interner`.
    public static func codes(_ column: ColumnVector, interner: inout StringInterner) throws -> [Int32] {
        switch column.values {
        case .int32(let a):
            guard let v = column.validity else { return a }
            return a.indices.map { v[$0] ? a[$0] : -1 }
        case .string, .dictionary: return try interner.codes(of: column)
        default: throw ColumnarError.wrongType(expected: "int32 or string key", found: column.type.description)
        }
    }
}
