import Lake

/// A 128-bit fingerprint per row — the sum over columns of a per-column hash of the value
/// (nulls hash to their own marker) — to count exact duplicate rows in 16 bytes a row.
final class RowFingerprints: BatchTask, @unchecked Sendable {
    private(set) var hi: [UInt64] = []
    private(set) var lo: [UInt64] = []

    init(expectedRows: Int) {
        hi.reserveCapacity(expectedRows)
        lo.reserveCapacity(expectedRows)
    }

    func consume(_ batch: RowGroupBatch) {
        let base = hi.count
        let n = batch.rowCount
        hi.append(contentsOf: repeatElement(0, count: n))
        lo.append(contentsOf: repeatElement(0, count: n))
        for (c, column) in batch.columns.enumerated() {
            let seedHi = Hashing.mix(UInt64(c) &* 2 &+ 0x1234), seedLo = Hashing.mix(UInt64(c) &* 2 &+ 0x1235)
            let nullHi = Hashing.mix(seedHi ^ 0xDEAD_BEEF_0000_0001), nullLo = Hashing.mix(seedLo ^ 0xDEAD_BEEF_0000_0001)
            hi.withUnsafeMutableBufferPointer { h in
                lo.withUnsafeMutableBufferPointer { l in
                    func put(_ i: Int, _ a: UInt64, _ b: UInt64) {
                        h[base + i] &+= a
                        l[base + i] &+= b
                    }
                    /// Adds the hashes of `key(i)` for every row (the null marker for null rows).
                    func keys(_ key: (Int) -> UInt64) {
                        if let valid = column.validity {
                            valid.withUnsafeBufferPointer { v in
                                for i in 0..<n {
                                    if v[i] { let k = key(i); put(i, Hashing.mix(k ^ seedHi), Hashing.mix(k ^ seedLo)) } else { put(i, nullHi, nullLo) }
                                }
                            }
                        } else {
                            for i in 0..<n { let k = key(i); put(i, Hashing.mix(k ^ seedHi), Hashing.mix(k ^ seedLo)) }
                        }
                    }
                    switch column.values {
                    case .boolean(let v): v.withUnsafeBufferPointer { p in keys { p[$0] ? 1 : 0 } }
                    case .int32(let v), .date(let v): v.withUnsafeBufferPointer { p in keys { OrderedKey.key(Int64(p[$0])) } }
                    case .int64(let v): v.withUnsafeBufferPointer { p in keys { OrderedKey.key(p[$0]) } }
                    case .double(let v):
                        v.withUnsafeBufferPointer { p in keys { p[$0].isNaN ? 0x7FF8_0000_0000_0000 : OrderedKey.key(p[$0]) } }
                    case .string(let s):
                        for i in 0..<n {
                            if column.validity?[i] ?? true {
                                s.withBytes(i) { put(i, Hashing.bytes($0, seed: seedHi), Hashing.bytes($0, seed: seedLo)) }
                            } else {
                                put(i, nullHi, nullLo)
                            }
                        }
                    case .dictionary(let d):
                        var eh = [UInt64](), el = [UInt64]()
                        eh.reserveCapacity(d.dictionary.count)
                        el.reserveCapacity(d.dictionary.count)
                        for e in 0..<d.dictionary.count {
                            d.dictionary.withBytes(e) {
                                eh.append(Hashing.bytes($0, seed: seedHi))
                                el.append(Hashing.bytes($0, seed: seedLo))
                            }
                        }
                        for i in 0..<n {
                            if column.validity?[i] ?? true {
                                let e = Int(d.indices[i])
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

    /// Rows equal to an earlier row: rows − distinct fingerprints. Releases the fingerprints.
    func duplicateRows() -> Int {
        let n = hi.count
        if n < 2 { return 0 }
        // Bucket by the top bits of `hi` (one counting pass; about 8 rows a bucket, 2^16 to
        // 2^22 buckets), then sort each small bucket.
        let bits = min(22, max(16, Int.bitWidth - (n / 8).leadingZeroBitCount))
        let shift = UInt64(64 - bits), count = 1 << bits
        var starts = [Int](repeating: 0, count: count + 1)
        var pairs = [(UInt64, UInt64)](repeating: (0, 0), count: n)
        hi.withUnsafeBufferPointer { h in
            lo.withUnsafeBufferPointer { l in
                starts.withUnsafeMutableBufferPointer { s in
                    for v in h { s[Int(v >> shift) &+ 1] &+= 1 }
                    for b in 1..<s.count { s[b] &+= s[b - 1] }
                }
                var next = starts
                next.withUnsafeMutableBufferPointer { o in
                    pairs.withUnsafeMutableBufferPointer { p in
                        for i in 0..<n {
                            let b = Int(h[i] >> shift)
                            p[o[b]] = (h[i], l[i])
                            o[b] &+= 1
                        }
                    }
                }
            }
        }
        hi = []
        lo = []
        var duplicates = 0
        pairs.withUnsafeMutableBufferPointer { p in
            for b in 0..<count where starts[b + 1] - starts[b] > 1 {
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
        }
        return duplicates
    }
}
