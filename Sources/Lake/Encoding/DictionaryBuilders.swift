/// Open-addressing hash tables that assign dictionary indices in first-seen order without a
/// per-value allocation. Both give up (return false) once the dictionary passes its limits,
/// which is the writer's cue to fall back to PLAIN.

/// Dictionary for fixed-width values, keyed by their 64-bit pattern.
struct IntDictionaryBuilder {
    private var slots: [Int32]
    private var mask: Int
    private(set) var keys: [UInt64] = []
    let maxEntries: Int

    init(expected: Int, maxEntries: Int) {
        var cap = 64
        while cap < min(expected, maxEntries) * 2 { cap <<= 1 }
        slots = [Int32](repeating: -1, count: cap)
        mask = cap - 1
        self.maxEntries = maxEntries
    }

    @inline(__always) static func hash(_ k: UInt64) -> Int {
        let h = (k ^ (k >> 31)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Index of `key`, adding it when new; nil when the dictionary is full.
    @inline(__always)
    mutating func index(_ key: UInt64) -> Int32? {
        var i = Self.hash(key) & mask
        while true {
            let s = slots[i]
            if s < 0 { break }
            if keys[Int(s)] == key { return s }
            i = (i + 1) & mask
        }
        guard keys.count < maxEntries else { return nil }
        let id = Int32(keys.count)
        keys.append(key)
        slots[i] = id
        if keys.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        let cap = slots.count * 2
        slots = [Int32](repeating: -1, count: cap)
        mask = cap - 1
        for (id, k) in keys.enumerated() {
            var i = Self.hash(k) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }
}

/// Dictionary for strings, keyed by their bytes (stored once, in `entries`).
struct StringDictionaryBuilder {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var mask: Int
    private(set) var entries = StringArray.Builder(capacity: 0)
    let maxBytes: Int

    init(expected: Int, maxBytes: Int) {
        var cap = 64
        while cap < min(expected, 1 << 20) * 2 { cap <<= 1 }
        slots = [Int32](repeating: -1, count: cap)
        mask = cap - 1
        self.maxBytes = maxBytes
    }

    var count: Int { entries.count }
    /// Size of the PLAIN dictionary page body.
    var plainSize: Int { entries.bytes.count + 4 * entries.count }

    @inline(__always) static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(b.count)
        var i = 0
        let n = b.count
        while i + 8 <= n {
            h = (h ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var s: UInt64 = 0
        while i < n { tail |= UInt64(b[i]) << s; s += 8; i += 1 }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 29)
    }

    @inline(__always)
    mutating func index(_ b: UnsafeRawBufferPointer) -> Int32? {
        let h = Self.hash(b)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s < 0 { break }
            if hashes[Int(s)] == h {
                let a = Int(entries.offsets[Int(s)]), e = Int(entries.offsets[Int(s) + 1])
                if e - a == b.count {
                    let equal = entries.bytes.withUnsafeBytes { eb in
                        b.count == 0 || memcmpBytes(eb.baseAddress! + a, b.baseAddress!, b.count) == 0
                    }
                    if equal { return s }
                }
            }
            i = (i + 1) & mask
        }
        guard plainSize + b.count + 4 <= maxBytes else { return nil }
        let id = Int32(entries.count)
        try? entries.append(b)
        hashes.append(h)
        slots[i] = id
        if entries.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        let cap = slots.count * 2
        slots = [Int32](repeating: -1, count: cap)
        mask = cap - 1
        for (id, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }
}
