import Lake

/// Gives each distinct string a small dense code (first-seen order), so strings can be
/// grouped, joined and compared as integers. Dictionary-encoded columns are interned one
/// dictionary entry at a time, not one row at a time.
public struct StringInterner: Sendable {
    public private(set) var strings: [String] = []
    private var codes: [String: Int32] = [:]

    public init() {}

    public var count: Int { strings.count }

    @discardableResult
    public mutating func intern(_ s: String) -> Int32 {
        if let c = codes[s] { return c }
        let c = Int32(strings.count)
        strings.append(s)
        codes[s] = c
        return c
    }

    public func code(_ s: String) -> Int32? { codes[s] }

    /// One code per row of a string column; null rows get `nullCode`.
    public mutating func codes(of column: ColumnVector, nullCode: Int32 = -1) throws -> [Int32] {
        var out: [Int32]
        switch column.values {
        case .dictionary(let d):
            var map = [Int32](repeating: -1, count: d.dictionary.count)
            out = [Int32](repeating: 0, count: d.count)
            for (r, i) in d.indices.enumerated() {
                let k = Int(i)
                if map[k] < 0 { map[k] = intern(d.dictionary[k]) }
                out[r] = map[k]
            }
        case .string(let a):
            out = [Int32](repeating: 0, count: a.count)
            for r in 0..<a.count { out[r] = intern(a[r]) }
        default:
            throw ColumnarError.wrongType(expected: "string", found: column.type.description)
        }
        if let v = column.validity { for r in 0..<out.count where !v[r] { out[r] = nullCode } }
        return out
    }
}
