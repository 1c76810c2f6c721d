/// Sorts 64-bit keys: by counting when they span fewer values than there are keys, otherwise
/// LSD radix sort, 11 bits per pass over the key minus the smallest key, so
/// only the bits that vary are sorted (a column of counts below 2^22 takes two passes, any
/// column at most six); passes whose digit is the same for every key are skipped. Needs one
/// scratch array of the same size (and one for the payload when sorting with one).
enum RadixSort {
    static let digitBits = 11
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
        let digits = (width + digitBits - 1) / digitBits
        var counts = [Int](repeating: 0, count: digits * buckets)
        let mask = UInt64(buckets - 1)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for v in k {
                    var x = v &- low
                    for d in 0..<digits {
                        c[d &* buckets &+ Int(x & mask)] &+= 1
                        x >>= UInt64(digitBits)
                    }
                }
            }
        }
        var scratch = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        var payloadScratch = [UInt32](unsafeUninitializedCapacity: carry ? n : 0) { _, count in count = carry ? n : 0 }
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
