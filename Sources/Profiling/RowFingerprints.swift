import Lake
import RxCore

/// A 128-bit fingerprint per row — the sum over columns of a per-column hash of the value
/// (nulls hash to their own marker) — to count exact duplicate rows in 16 bytes a row.
final class RowFingerprints: BatchTask, @unchecked Sendable {
    private(set) var hi: [UInt64] = []
    private(set) var lo: [UInt64] = []

    init(expectedRows: Int) {
        hi.reserveCapacity(expectedRows)
        lo.reserveCapacity(expectedRows)
    }

    /// Rows fingerprinted at a time: their 16 bytes a row stay in cache while every column adds to them.
    static let chunkRows = 4096

    func consume(_ batch: RowGroupBatch) {
        let base = hi.count
        let n = batch.rowCount
        hi.append(contentsOf: repeatElement(0, count: n))
        lo.append(contentsOf: repeatElement(0, count: n))
        let columns = batch.columns.enumerated().map { c, column in ColumnHasher(column, index: c) }
        hi.withUnsafeMutableBufferPointer { h in
            lo.withUnsafeMutableBufferPointer { l in
                var start = 0
                while start < n {
                    let rows = start..<min(n, start + Self.chunkRows)
                    for column in columns { column.add(rows, base: base, h, l) }
                    start = rows.upperBound
                }
            }
        }
    }

    /// Rows equal to an earlier row: rows − distinct fingerprints. Releases the fingerprints.
    ///
    /// Buckets by the top bits of `hi` (one counting pass; about 8 rows a bucket, 2^16 to 2^22
    /// buckets), then sorts each small bucket. The lower and upper halves of the buckets are
    /// scattered and sorted by two tasks at once (each reads every fingerprint, writes its half).
    func duplicateRows() -> Int {
        let n = hi.count
        if n < 2 { return 0 }
        let bits = min(22, max(16, Int.bitWidth - (n / 8).leadingZeroBitCount))
        let shift = UInt64(64 - bits), count = 1 << bits
        var starts = [Int](repeating: 0, count: count + 1)
        hi.withUnsafeBufferPointer { h in
            starts.withUnsafeMutableBufferPointer { s in
                for v in h { s[Int(v >> shift) &+ 1] &+= 1 }
                for b in 1..<s.count { s[b] &+= s[b - 1] }
            }
        }
        var pairs = [(UInt64, UInt64)](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        let found = IndexedSlots<Int>(count: 2)
        hi.withUnsafeBufferPointer { h in
            lo.withUnsafeBufferPointer { l in
                starts.withUnsafeBufferPointer { s in
                    pairs.withUnsafeMutableBufferPointer { p in
                        let shared = FingerprintBuckets(hi: h, lo: l, starts: s, pairs: p, shift: shift)
                        concurrentForEach(2) { half in
                            let buckets = half == 0 ? 0..<count / 2 : count / 2..<count
                            found.set(half, shared.duplicates(in: buckets))
                        }
                    }
                }
            }
        }
        hi = []
        lo = []
        return found.get(0) + found.get(1)
    }
}

/// The fingerprints and their bucket layout, shared by the tasks that each own a range of buckets.
private struct FingerprintBuckets: @unchecked Sendable {
    let hi: UnsafeBufferPointer<UInt64>
    let lo: UnsafeBufferPointer<UInt64>
    /// Bucket b's rows go to `pairs[starts[b]..<starts[b + 1]]`.
    let starts: UnsafeBufferPointer<Int>
    let pairs: UnsafeMutableBufferPointer<(UInt64, UInt64)>
    let shift: UInt64

    /// Scatters the rows of `buckets` into place, sorts each bucket and counts the repeats.
    func duplicates(in buckets: Range<Int>) -> Int {
        let p = pairs
        var next = Array(starts[buckets.lowerBound...buckets.upperBound])
        let first = buckets.lowerBound, limit = buckets.upperBound
        next.withUnsafeMutableBufferPointer { o in
            for i in 0..<hi.count {
                let b = Int(hi[i] >> shift)
                if b >= first && b < limit {
                    p[o[b - first]] = (hi[i], lo[i])
                    o[b - first] &+= 1
                }
            }
        }
        var duplicates = 0
        for b in buckets where starts[b + 1] - starts[b] > 1 {
            // Insertion sort for the usual handful of rows; a large bucket (many equal rows)
            // takes the library sort.
            let first = starts[b], end = starts[b + 1]
            if end - first > 64 {
                var bucket = UnsafeMutableBufferPointer(rebasing: p[first..<end])
                bucket.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            } else {
                for i in (first + 1)..<end {
                    let v = p[i]
                    var j = i
                    while j > first && (p[j - 1].0 > v.0 || (p[j - 1].0 == v.0 && p[j - 1].1 > v.1)) { p[j] = p[j - 1]; j -= 1 }
                    p[j] = v
                }
            }
            for i in (first + 1)..<end where p[i] == p[i - 1] { duplicates += 1 }
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
        /// Adds the hashes of `key(i)` for every row (the null marker for null rows).
        @inline(__always) func keys(_ key: (Int) -> UInt64) {
            if let valid = column.validity {
                valid.withUnsafeBufferPointer { v in
                    for i in rows {
                        if v[i] { let k = key(i); put(i, Hashing.mix(k ^ seedHi), Hashing.mix(k ^ seedLo)) } else { put(i, nullHi, nullLo) }
                    }
                }
            } else {
                for i in rows { let k = key(i); put(i, Hashing.mix(k ^ seedHi), Hashing.mix(k ^ seedLo)) }
            }
        }
        switch column.values {
        case .boolean(let v): v.withUnsafeBufferPointer { p in keys { p[$0] ? 1 : 0 } }
        case .int32(let v), .date(let v): v.withUnsafeBufferPointer { p in keys { OrderedKey.key(Int64(p[$0])) } }
        case .int64(let v): v.withUnsafeBufferPointer { p in keys { OrderedKey.key(p[$0]) } }
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
