import Lake

/// The build side of a hash join against a small dimension: its key column mapped to the
/// dimension row. Probing a fact column gives each fact row's dimension row (or -1), so the
/// dimension's attributes are then read by index.
public struct DimensionIndex: Sendable {
    @usableFromInline var index: KeyIndex
    /// `rows[id]` is the dimension row of the id-th distinct key.
    @usableFromInline var rows: [Int32] = []

    public var count: Int { rows.count }

    /// Builds from integer keys; a key seen twice throws, naming the key (a dimension row per key).
    public init(keys: [Int64]) throws {
        index = KeyIndex(capacity: keys.count)
        rows.reserveCapacity(keys.count)
        for (r, k) in keys.enumerated() {
            let (_, inserted) = index.insert(UInt64(bitPattern: k))
            guard inserted else { throw DuplicateKey(key: k, row: r) }
            rows.append(Int32(r))
        }
    }

    /// The dimension row holding `key`, or -1.
    @inlinable @inline(__always)
    public func row(_ key: Int64) -> Int32 {
        let id = index.lookup(UInt64(bitPattern: key))
        return id < 0 ? -1 : rows[Int(id)]
    }

    /// The dimension row of every fact row (-1 where the key has no dimension row). Runs of
    /// equal keys (facts sorted by key, as CMS files are) cost one lookup per run.
    public func probe(_ keys: [Int64]) -> [Int32] {
        var out = [Int32](repeating: -1, count: keys.count)
        var lastKey: Int64? = nil
        var lastRow: Int32 = -1
        for i in keys.indices {
            let k = keys[i]
            if k != lastKey { lastRow = row(k); lastKey = k }
            out[i] = lastRow
        }
        return out
    }

    /// A key that appears on more than one dimension row.
    public struct DuplicateKey: Error, Equatable {
        public let key: Int64
        public let row: Int
    }
}
