import Lake
import RxCore

/// A 128-bit fingerprint per row — the sum over columns of a per-column hash of the value
/// (nulls hash to their own marker) — to count exact duplicate rows in 16 bytes a row.
///
/// Fingerprints are computed 4,096 rows at a time (in cache while every column adds to them)
/// and filed into 256 partitions by their top 8 bits, so the duplicate count works on one
/// cache-sized partition at a time and never copies them all.
/// Unchecked, like every `BatchTask`: only its own `consume` mutates it, one batch after another.
final class RowFingerprints: BatchTask, @unchecked Sendable {
    private let partitions: FingerprintPartitions

    init(expectedRows: Int) {
        partitions = FingerprintPartitions(expectedRows: expectedRows)
    }

    /// Rows fingerprinted at a time.
    static let chunkRows = 4096

    func consume(_ batch: RowGroupBatch) {
        let n = batch.rowCount
        let columns = batch.columns.enumerated().map { c, column in ColumnHasher(column, index: c) }
        var hi = [UInt64](repeating: 0, count: Self.chunkRows), lo = hi
        hi.withUnsafeMutableBufferPointer { h in
            lo.withUnsafeMutableBufferPointer { l in
                var start = 0
                while start < n {
                    let rows = start..<min(n, start + Self.chunkRows)
                    h.initialize(repeating: 0)
                    l.initialize(repeating: 0)
                    for column in columns { column.add(rows, base: -start, h, l) }
                    for i in 0..<rows.count { partitions.append(h[i], l[i]) }
                    start = rows.upperBound
                }
            }
        }
    }

    /// Rows equal to an earlier row: rows − distinct fingerprints, counted partition by
    /// partition (even and odd ones by two tasks at once). Releases the fingerprints.
    func duplicateRows() -> Int {
        let found = IndexedSlots<Int>(count: 2)
        let partitions = self.partitions
        concurrentForEach(2) { half in
            var duplicates = 0
            for p in stride(from: half, to: FingerprintPartitions.count, by: 2) { duplicates += partitions.duplicates(in: p) }
            found.set(half, duplicates)
        }
        partitions.release()
        return found.get(0) + found.get(1)
    }
}

/// 256 growable arrays of (hi, lo) fingerprints over manually allocated memory, one per value
/// of the top 8 bits of `hi`.
/// Unchecked: owned by one `RowFingerprints`, which alone touches it.
private final class FingerprintPartitions: @unchecked Sendable {
    typealias Fingerprint = (hi: UInt64, lo: UInt64)
    static let count = 256
    private let bases: UnsafeMutablePointer<UnsafeMutablePointer<Fingerprint>>
    private let counts: UnsafeMutablePointer<Int>
    private let capacities: UnsafeMutablePointer<Int>

    init(expectedRows: Int) {
        // Hashes spread evenly: the expected share plus a margin, grown if ever exceeded.
        let each = expectedRows / Self.count + expectedRows / (Self.count * 8) + 16
        bases = .allocate(capacity: Self.count)
        counts = .allocate(capacity: Self.count)
        capacities = .allocate(capacity: Self.count)
        for p in 0..<Self.count {
            bases[p] = .allocate(capacity: each)
            counts[p] = 0
            capacities[p] = each
        }
    }

    deinit {
        release()
        bases.deallocate()
        counts.deallocate()
        capacities.deallocate()
    }

    @inline(__always) func append(_ hi: UInt64, _ lo: UInt64) {
        let p = Int(hi >> 56)
        if counts[p] == capacities[p] { grow(p) }
        bases[p][counts[p]] = (hi, lo)
        counts[p] += 1
    }

    private func grow(_ p: Int) {
        let capacity = max(16, capacities[p] * 3 / 2)
        let bigger = UnsafeMutablePointer<Fingerprint>.allocate(capacity: capacity)
        bigger.moveInitialize(from: bases[p], count: counts[p])
        bases[p].deallocate()
        bases[p] = bigger
        capacities[p] = capacity
    }

    func release() {
        for p in 0..<Self.count where capacities[p] > 0 {
            bases[p].deallocate()
            counts[p] = 0
            capacities[p] = 0
        }
    }

    /// Repeated fingerprints in partition `p`: bucketed by the next bits of `hi` (about 8 a
    /// bucket) into a scratch array, each bucket sorted, equal neighbours counted.
    func duplicates(in p: Int) -> Int {
        let m = counts[p]
        if m < 2 { return 0 }
        let source = bases[p]
        let bits = min(20, max(1, Int.bitWidth - (m / 8).leadingZeroBitCount))
        let shift = UInt64(64 - bits), buckets = 1 << bits
        @inline(__always) func bucket(_ f: Fingerprint) -> Int { Int((f.hi << 8) >> shift) }
        var starts = [Int](repeating: 0, count: buckets + 1)
        let sorted = UnsafeMutablePointer<Fingerprint>.allocate(capacity: m)
        defer { sorted.deallocate() }
        var duplicates = 0
        starts.withUnsafeMutableBufferPointer { s in
            for i in 0..<m { s[bucket(source[i]) &+ 1] &+= 1 }
            for b in 1..<s.count { s[b] &+= s[b - 1] }
            var next = Array(s)
            next.withUnsafeMutableBufferPointer { o in
                for i in 0..<m {
                    let b = bucket(source[i])
                    sorted[o[b]] = source[i]
                    o[b] &+= 1
                }
            }
            for b in 0..<buckets where s[b + 1] - s[b] > 1 {
                // Insertion sort for the usual handful of rows; a large bucket (many equal rows)
                // takes the library sort.
                let first = s[b], end = s[b + 1]
                if end - first > 64 {
                    var part = UnsafeMutableBufferPointer(start: sorted + first, count: end - first)
                    part.sort { $0.hi != $1.hi ? $0.hi < $1.hi : $0.lo < $1.lo }
                } else {
                    for i in (first + 1)..<end {
                        let v = sorted[i]
                        var j = i
                        while j > first && (sorted[j - 1].hi > v.hi || (sorted[j - 1].hi == v.hi && sorted[j - 1].lo > v.lo)) {
                            sorted[j] = sorted[j - 1]
                            j -= 1
                        }
                        sorted[j] = v
                    }
                }
                for i in (first + 1)..<end where sorted[i] == sorted[i - 1] { duplicates += 1 }
            }
        }
        return duplicates
    }
}

/// One column's contribution to the row fingerprints: per row a pair of seeded hashes of the
/// value (of its bytes for strings; computed once per dictionary entry for dictionary columns).
private struct ColumnHasher {
    let column: ColumnVector
    let seedHi: UInt64, seedLo: UInt64
    let nullHi: UInt64, nullLo: UInt64
    /// Hashes of each dictionary entry, for dictionary-encoded columns.
    let entryHi: [UInt64], entryLo: [UInt64]

    init(_ column: ColumnVector, index c: Int) {
        self.column = column
        seedHi = Hashing.mix(UInt64(c) &* 2 &+ 0x1234)
        seedLo = Hashing.mix(UInt64(c) &* 2 &+ 0x1235)
        nullHi = Hashing.mix(seedHi ^ 0xDEAD_BEEF_0000_0001)
        nullLo = Hashing.mix(seedLo ^ 0xDEAD_BEEF_0000_0001)
        var eh = [UInt64](), el = [UInt64]()
        if case .dictionary(let d) = column.values {
            eh.reserveCapacity(d.dictionary.count)
            el.reserveCapacity(d.dictionary.count)
            for e in 0..<d.dictionary.count {
                d.dictionary.withBytes(e) { [seedHi, seedLo] in
                    eh.append(Hashing.bytes($0, seed: seedHi))
                    el.append(Hashing.bytes($0, seed: seedLo))
                }
            }
        }
        entryHi = eh
        entryLo = el
    }

    /// Adds the hashes of `rows` of the batch to fingerprints `base + row`.
    func add(_ rows: Range<Int>, base: Int, _ h: UnsafeMutableBufferPointer<UInt64>, _ l: UnsafeMutableBufferPointer<UInt64>) {
        let seedHi = self.seedHi, seedLo = self.seedLo, nullHi = self.nullHi, nullLo = self.nullLo
        @inline(__always) func put(_ i: Int, _ a: UInt64, _ b: UInt64) {
            h[base &+ i] &+= a
            l[base &+ i] &+= b
        }
        /// The two hashes of a value's key: a full mix, and a second, cheaper nonlinear bijection
        /// of it (xor-shift, multiply, xor-shift), so a row's two sums are not linearly related.
        @inline(__always) func pair(_ k: UInt64) -> (UInt64, UInt64) {
            let a = Hashing.mix(k ^ seedHi)
            var b = a ^ seedLo
            b = (b ^ (b >> 32)) &* 0xD6E8_FEB8_6659_FD93
            return (a, b ^ (b >> 32))
        }
        /// Adds the hashes of `key(i)` for every row (the null marker for null rows).
        @inline(__always) func keys(_ key: (Int) -> UInt64) {
            if let valid = column.validity {
                valid.withUnsafeBufferPointer { v in
                    for i in rows {
                        if v[i] { let (a, b) = pair(key(i)); put(i, a, b) } else { put(i, nullHi, nullLo) }
                    }
                }
            } else {
                for i in rows { let (a, b) = pair(key(i)); put(i, a, b) }
            }
        }
        switch column.values {
        case .boolean(let v): v.withUnsafeBufferPointer { p in keys { p[$0] ? 1 : 0 } }
        case .int32(let v), .date(let v): v.withUnsafeBufferPointer { p in keys { OrderedKey.key(Int64(p[$0])) } }
        case .int64(let v), .decimal(let v), .timestamp(let v): v.withUnsafeBufferPointer { p in keys { OrderedKey.key(p[$0]) } }
        case .double(let v):
            v.withUnsafeBufferPointer { p in keys { p[$0].isNaN ? 0x7FF8_0000_0000_0000 : OrderedKey.key(p[$0]) } }
        case .string(let s):
            for i in rows {
                if column.validity?[i] ?? true {
                    s.withBytes(i) { put(i, Hashing.bytes($0, seed: seedHi), Hashing.bytes($0, seed: seedLo)) }
                } else {
                    put(i, nullHi, nullLo)
                }
            }
        case .dictionary(let d):
            entryHi.withUnsafeBufferPointer { eh in
                entryLo.withUnsafeBufferPointer { el in
                    d.indices.withUnsafeBufferPointer { idx in
                        for i in rows {
                            if column.validity?[i] ?? true {
                                let e = Int(idx[i])
                                put(i, eh[e], el[e])
                            } else {
                                put(i, nullHi, nullLo)
                            }
                        }
                    }
                }
            }
        }
    }
}
