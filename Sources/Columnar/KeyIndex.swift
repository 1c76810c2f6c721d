/// An open-addressing hash table from 64-bit keys to dense ids 0, 1, 2, … in first-insertion
/// order. It is the core of the hash aggregate (key → group) and of the hash join
/// (dimension key → dimension row). Keys are any 64-bit pattern; ids are stable.
public struct KeyIndex: Sendable {
    /// `keys[id]` is the key that got `id`.
    public private(set) var keys: [UInt64] = []
    @usableFromInline var slotKeys: [UInt64]
    /// -1 marks an empty slot.
    @usableFromInline var slotIDs: [Int32]
    @usableFromInline var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slotKeys = [UInt64](repeating: 0, count: size)
        slotIDs = [Int32](repeating: -1, count: size)
        mask = size - 1
        keys.reserveCapacity(capacity)
    }

    public var count: Int { keys.count }

    /// The id of `key`, or nil when it was never inserted.
    @inlinable @inline(__always)
    public func find(_ key: UInt64) -> Int32? {
        let id = lookup(key)
        return id < 0 ? nil : id
    }

    /// The id of `key`, or -1 (no optional on the hot path).
    @inlinable @inline(__always)
    public func lookup(_ key: UInt64) -> Int32 {
        var slot = Self.hash(key) & mask
        while true {
            let id = slotIDs[slot]
            if id < 0 || slotKeys[slot] == key { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `key`, inserting it with the next id when new.
    @inline(__always) @discardableResult
    public mutating func insert(_ key: UInt64) -> (id: Int32, inserted: Bool) {
        if (keys.count + 1) * 2 > slotIDs.count { grow() }
        var slot = Self.hash(key) & mask
        while true {
            let id = slotIDs[slot]
            if id < 0 {
                let new = Int32(keys.count)
                slotIDs[slot] = new
                slotKeys[slot] = key
                keys.append(key)
                return (new, true)
            }
            if slotKeys[slot] == key { return (id, false) }
            slot = (slot + 1) & mask
        }
    }

    /// A 64-bit mixer (the murmur3 finaliser): consecutive keys spread over the table.
    @inlinable @inline(__always)
    static func hash(_ key: UInt64) -> Int {
        var h = key
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }

    private mutating func grow() {
        let size = slotIDs.count * 2
        slotKeys = [UInt64](repeating: 0, count: size)
        slotIDs = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (id, key) in keys.enumerated() {
            var slot = Self.hash(key) & mask
            while slotIDs[slot] >= 0 { slot = (slot + 1) & mask }
            slotIDs[slot] = Int32(id)
            slotKeys[slot] = key
        }
    }
}
