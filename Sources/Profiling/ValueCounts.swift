/// How many times each distinct key occurs. Keys within a window of 16,384 around the first
/// key (small integers: claim counts, ids, years) are counted in a plain array; the others in
/// an open-addressing hash table (linear probing, at most half full) over manually allocated
/// buffers, so counting a value costs an index or one hash and, while the table fits in cache,
/// no memory stall. A slot with count 0 is empty, so every 64-bit key is storable.
/// Unchecked: owned by one collector, which alone touches it.
final class ValueCounts: @unchecked Sendable {
    private var keys: UnsafeMutablePointer<UInt64>
    private var counts: UnsafeMutablePointer<Int>
    private var slots: Int
    private var shift: UInt64
    /// Distinct keys held.
    private(set) var count = 0
    /// Distinct keys held in the hash table.
    private var inTable = 0
    /// Counts of the keys `windowBase ..< windowBase + windowSize` (wrapping), set by the first key.
    private let window: UnsafeMutablePointer<Int>
    private var windowBase: UInt64 = 0
    private var windowSet = false
    static let windowSize = 1 << 14

    init(initialSlots: Int = 1024) {
        slots = max(16, 1 << (Int.bitWidth - (initialSlots - 1).leadingZeroBitCount))
        shift = UInt64(64 - slots.trailingZeroBitCount)
        keys = .allocate(capacity: slots)
        counts = .allocate(capacity: slots)
        counts.initialize(repeating: 0, count: slots)
        window = .allocate(capacity: Self.windowSize)
        window.initialize(repeating: 0, count: Self.windowSize)
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
        window.deallocate()
    }

    /// Bytes held by the table.
    var memoryBytes: Int { slots * (MemoryLayout<UInt64>.stride + MemoryLayout<Int>.stride) + Self.windowSize * MemoryLayout<Int>.stride }

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
        if !windowSet {
            windowBase = key &- UInt64(Self.windowSize / 2)
            windowSet = true
        }
        let offset = key &- windowBase
        if offset < UInt64(Self.windowSize) {
            let i = Int(offset)
            if window[i] == 0 { count += 1 }
            window[i] += occurrences
            return
        }
        let mask = slots - 1
        var s = slot(key)
        while true {
            let c = counts[s]
            if c == 0 {
                keys[s] = key
                counts[s] = occurrences
                count += 1
                inTable += 1
                if inTable * 2 > slots { grow() }
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
        // Payload: a table slot, or `slots + i` for window entry i.
        for s in 0..<slots where counts[s] != 0 {
            distinct.append(keys[s])
            order.append(UInt32(s))
        }
        for i in 0..<Self.windowSize where window[i] != 0 {
            distinct.append(windowBase &+ UInt64(i))
            order.append(UInt32(slots + i))
        }
        RadixSort.sort(&distinct, payload: &order)
        return KeyRuns(keys: distinct, counts: order.map { Int($0) < slots ? counts[Int($0)] : window[Int($0) - slots] })
    }

    /// Every counted value once per occurrence, in ascending key order when `sorted`.
    func expand(into out: inout [UInt64], sorted: Bool) {
        if sorted {
            let runs = sortedRuns()
            runs.forEachRun { key, n in out.append(contentsOf: repeatElement(key, count: n)) }
        } else {
            for s in 0..<slots where counts[s] != 0 { out.append(contentsOf: repeatElement(keys[s], count: counts[s])) }
            for i in 0..<Self.windowSize where window[i] != 0 {
                out.append(contentsOf: repeatElement(windowBase &+ UInt64(i), count: window[i]))
            }
        }
    }
}
