/// Sorts 64-bit keys: by counting when they span fewer values than there are keys; otherwise by
/// radix, 8 bits per pass over the key minus the smallest key, so only the bits that vary are
/// sorted, skipping passes whose digit is the same for every key. Long arrays are split on
/// their top digit first (MSD), then each bucket is sorted LSD in cache. Needs one scratch
/// array of the same size (and one for the payload when sorting with one).
enum RadixSort {
    static let digitBits = 8
    static let buckets = 1 << digitBits

    static func sort(_ keys: inout [UInt64]) {
        var none = [UInt32]()
        sort(&keys, payload: &none)
    }

    /// Sorts `keys` ascending and permutes `payload` (empty, or one element per key) with them;
    /// the sort is stable.
    static func sort(_ keys: inout [UInt64], payload: inout [UInt32]) {
        let n = keys.count
        let carry = !payload.isEmpty
        precondition(!carry || payload.count == n, "payload must have one element per key")
        if n < 2 { return }
        if n < 256 && !carry { keys.sort(); return }
        var low = UInt64.max, high = UInt64.min
        for v in keys { low = min(low, v); high = max(high, v) }
        if low == high { return }
        if !carry && high - low < UInt64(n) {
            countingSort(&keys, low: low, range: Int(high - low) + 1)
            return
        }
        let width = UInt64.bitWidth - (high - low).leadingZeroBitCount
        if !carry && n >= msdMinimum && width > 2 * digitBits {
            msdSort(&keys, low: low, width: width)
            return
        }
        let digits = (width + digitBits - 1) / digitBits
        let counts = keys.withUnsafeBufferPointer { digitCounts($0, low: low, digits: digits) }
        let mask = UInt64(buckets - 1)
        var scratch = [UInt64](unsafeUninitializedCapacity: max(n, 1)) { _, count in count = n }  // ≥ 1: see ColumnChunkDecoder
        var payloadScratch = [UInt32](unsafeUninitializedCapacity: max(carry ? n : 0, 1)) { _, count in count = carry ? n : 0 }
        var inScratch = false
        var offsets = [Int](repeating: 0, count: buckets)
        for d in 0..<digits {
            let base = d * buckets
            if counts[base..<base + buckets].contains(n) { continue }
            var total = 0
            for b in 0..<buckets { offsets[b] = total; total += counts[base + b] }
            let shift = UInt64(d * digitBits)
            func pass(
                _ src: UnsafeBufferPointer<UInt64>, _ dst: UnsafeMutableBufferPointer<UInt64>,
                _ ps: UnsafeBufferPointer<UInt32>, _ pd: UnsafeMutableBufferPointer<UInt32>
            ) {
                offsets.withUnsafeMutableBufferPointer { o in
                    if carry {
                        for i in 0..<src.count {
                            let v = src[i]
                            let b = Int(((v &- low) >> shift) & mask)
                            dst[o[b]] = v
                            pd[o[b]] = ps[i]
                            o[b] &+= 1
                        }
                    } else {
                        for v in src {
                            let b = Int(((v &- low) >> shift) & mask)
                            dst[o[b]] = v
                            o[b] &+= 1
                        }
                    }
                }
            }
            if inScratch {
                scratch.withUnsafeBufferPointer { s in
                    keys.withUnsafeMutableBufferPointer { k in
                        payloadScratch.withUnsafeBufferPointer { ps in payload.withUnsafeMutableBufferPointer { pd in pass(s, k, ps, pd) } }
                    }
                }
            } else {
                keys.withUnsafeBufferPointer { k in
                    scratch.withUnsafeMutableBufferPointer { s in
                        payload.withUnsafeBufferPointer { ps in payloadScratch.withUnsafeMutableBufferPointer { pd in pass(k, s, ps, pd) } }
                    }
                }
            }
            inScratch.toggle()
        }
        if inScratch {
            swap(&keys, &scratch)
            if carry { swap(&payload, &payloadScratch) }
        }
    }

    /// Arrays at least this long are split on their top digit first.
    static let msdMinimum = 1 << 16

    /// One scatter on the top digit of the varying bits, then each bucket (small enough to stay
    /// in cache) sorted on the remaining digits: passes over the whole array leave memory once.
    private static func msdSort(_ keys: inout [UInt64], low: UInt64, width: Int) {
        let n = keys.count
        let top = UInt64(width - digitBits)
        var starts = [Int](repeating: 0, count: buckets + 1)
        for v in keys { starts[Int((v &- low) >> top) + 1] += 1 }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        var scratch = [UInt64](unsafeUninitializedCapacity: max(n, 1)) { _, count in count = n }
        var next = starts
        keys.withUnsafeBufferPointer { k in
            scratch.withUnsafeMutableBufferPointer { s in
                next.withUnsafeMutableBufferPointer { o in
                    for v in k {
                        let b = Int((v &- low) >> top)
                        s[o[b]] = v
                        o[b] &+= 1
                    }
                }
            }
        }
        let lowDigits = (Int(top) + digitBits - 1) / digitBits
        keys.withUnsafeMutableBufferPointer { k in
            scratch.withUnsafeMutableBufferPointer { s in
                for b in 0..<buckets where starts[b + 1] > starts[b] {
                    let range = starts[b]..<starts[b + 1]
                    let src = UnsafeMutableBufferPointer(rebasing: s[range]), dst = UnsafeMutableBufferPointer(rebasing: k[range])
                    lsd(src, dst, low: low, digits: lowDigits)
                }
            }
        }
    }

    /// Per digit (of key − `low`, lowest first) the histogram of its `buckets` values, in one
    /// pass over the keys: `counts[d * buckets + v]`.
    @inline(__always)
    private static func digitCounts(_ keys: UnsafeBufferPointer<UInt64>, low: UInt64, digits: Int) -> [Int] {
        let mask = UInt64(buckets - 1)
        var counts = [Int](repeating: 0, count: digits * buckets)
        counts.withUnsafeMutableBufferPointer { c in
            for v in keys {
                var x = v &- low
                for d in 0..<digits {
                    c[d &* buckets &+ Int(x & mask)] &+= 1
                    x >>= UInt64(digitBits)
                }
            }
        }
        return counts
    }

    /// Sorts the keys in `a` on their `digits` low digits (of key − `low`), using `b` as scratch;
    /// the result is left in `b`.
    private static func lsd(_ a: UnsafeMutableBufferPointer<UInt64>, _ b: UnsafeMutableBufferPointer<UInt64>, low: UInt64, digits: Int) {
        let n = a.count
        if n < 32 {
            // Insertion sort for the many tiny buckets.
            for i in 0..<n {
                let v = a[i]
                var j = i
                while j > 0 && b[j - 1] > v { b[j] = b[j - 1]; j -= 1 }
                b[j] = v
            }
            return
        }
        let mask = UInt64(buckets - 1)
        var counts = digitCounts(UnsafeBufferPointer(a), low: low, digits: digits)
        counts.withUnsafeMutableBufferPointer { c in
            var src = a, dst = b
            var offsets = [Int](repeating: 0, count: buckets)
            offsets.withUnsafeMutableBufferPointer { o in
                for d in 0..<digits {
                    let base = d &* buckets
                    var constant = false
                    var total = 0
                    for x in 0..<buckets {
                        let count = c[base &+ x]
                        if count == n { constant = true; break }
                        o[x] = total
                        total &+= count
                    }
                    if constant { continue }
                    let shift = UInt64(d * digitBits)
                    for v in src {
                        let x = Int(((v &- low) >> shift) & mask)
                        dst[o[x]] = v
                        o[x] &+= 1
                    }
                    swap(&src, &dst)
                }
            }
            // The sorted keys are in `src`.
            if src.baseAddress != b.baseAddress { _ = b.update(fromContentsOf: src) }
        }
    }

    /// Keys spanning fewer values than there are keys (counts, days, small ids): one counting
    /// pass, then the keys are written out in order.
    private static func countingSort(_ keys: inout [UInt64], low: UInt64, range: Int) {
        var counts = [Int](repeating: 0, count: range)
        counts.withUnsafeMutableBufferPointer { c in
            keys.withUnsafeBufferPointer { k in for v in k { c[Int(v &- low)] &+= 1 } }
        }
        keys.withUnsafeMutableBufferPointer { k in
            var at = 0
            for d in 0..<range where counts[d] > 0 {
                let v = low &+ UInt64(d)
                for _ in 0..<counts[d] { k[at] = v; at += 1 }
            }
        }
    }
}
