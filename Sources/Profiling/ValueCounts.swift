/// How many times each distinct key occurs: an open-addressing hash table (linear probing,
/// at most half full) over manually allocated buffers, so counting a value costs one hash and,
/// while the table fits in cache, no memory stall. A slot with count 0 is empty, so every
/// 64-bit key is storable.
final class ValueCounts: @unchecked Sendable {
    private var keys: UnsafeMutablePointer<UInt64>
    private var counts: UnsafeMutablePointer<Int>
    private var slots: Int
    private var shift: UInt64
    /// Distinct keys held.
    private(set) var count = 0

    init(initialSlots: Int = 1024) {
        slots = max(16, 1 << (Int.bitWidth - (initialSlots - 1).leadingZeroBitCount))
        shift = UInt64(64 - slots.trailingZeroBitCount)
        keys = .allocate(capacity: slots)
        counts = .allocate(capacity: slots)
        counts.initialize(repeating: 0, count: slots)
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
    }

    /// Bytes held by the table.
    var memoryBytes: Int { slots * (MemoryLayout<UInt64>.stride + MemoryLayout<Int>.stride) }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(((key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Counts every key of `values`; a run of equal neighbours is one table update.
    func add(_ values: UnsafeBufferPointer<UInt64>) {
        var i = 0
        let n = values.count
        while i < n {
            let key = values[i]
            var end = i + 1
            while end < n && values[end] == key { end += 1 }
            add(key, end - i)
            i = end
        }
    }

    @inline(__always) func add(_ key: UInt64, _ occurrences: Int) {
        let mask = slots - 1
        var s = slot(key)
        while true {
            let c = counts[s]
            if c == 0 {
                keys[s] = key
                counts[s] = occurrences
                count += 1
                if count * 2 > slots { grow() }
                return
            }
            if keys[s] == key {
                counts[s] = c + occurrences
                return
            }
            s = (s + 1) & mask
        }
    }

    private func grow() {
        let oldKeys = keys, oldCounts = counts, oldSlots = slots
        slots *= 2
        shift -= 1
        keys = .allocate(capacity: slots)
        counts = .allocate(capacity: slots)
        counts.initialize(repeating: 0, count: slots)
        let mask = slots - 1
        for o in 0..<oldSlots where oldCounts[o] != 0 {
            var s = slot(oldKeys[o])
            while counts[s] != 0 { s = (s + 1) & mask }
            keys[s] = oldKeys[o]
            counts[s] = oldCounts[o]
        }
        oldKeys.deallocate()
        oldCounts.deallocate()
    }

    /// The distinct keys ascending, each with its count.
    func sortedRuns() -> KeyRuns {
        var distinct = [UInt64]()
        var order = [UInt32]()
        distinct.reserveCapacity(count)
        order.reserveCapacity(count)
        for s in 0..<slots where counts[s] != 0 {
            distinct.append(keys[s])
            order.append(UInt32(s))
        }
        RadixSort.sort(&distinct, payload: &order)
        return KeyRuns(keys: distinct, counts: order.map { counts[Int($0)] })
    }

    /// Every counted value once per occurrence, in ascending key order when `sorted`.
    func expand(into out: inout [UInt64], sorted: Bool) {
        if sorted {
            let runs = sortedRuns()
            runs.forEachRun { key, n in out.append(contentsOf: repeatElement(key, count: n)) }
        } else {
            for s in 0..<slots where counts[s] != 0 { out.append(contentsOf: repeatElement(keys[s], count: counts[s])) }
        }
    }
}
