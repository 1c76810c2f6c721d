/// LSD radix sort of 64-bit keys, 8 bits per pass; passes whose digit is the same for every key
/// (the high bytes of small counts) are skipped. Needs one scratch array of the same size.
enum RadixSort {
    static func sort(_ keys: inout [UInt64]) {
        let n = keys.count
        if n < 2 { return }
        if n < 256 { keys.sort(); return }
        var counts = [Int](repeating: 0, count: 8 * 256)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for v in k {
                    var x = v
                    for d in 0..<8 {
                        c[d &* 256 &+ Int(x & 0xFF)] &+= 1
                        x >>= 8
                    }
                }
            }
        }
        var scratch = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        var inScratch = false
        for d in 0..<8 {
            let base = d * 256
            if counts[base..<base + 256].contains(n) { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var total = 0
            for b in 0..<256 { offsets[b] = total; total += counts[base + b] }
            let shift = UInt64(d * 8)
            func pass(_ src: UnsafeBufferPointer<UInt64>, _ dst: UnsafeMutableBufferPointer<UInt64>) {
                offsets.withUnsafeMutableBufferPointer { o in
                    for v in src {
                        let b = Int((v >> shift) & 0xFF)
                        dst[o[b]] = v
                        o[b] &+= 1
                    }
                }
            }
            if inScratch {
                scratch.withUnsafeBufferPointer { s in keys.withUnsafeMutableBufferPointer { k in pass(s, k) } }
            } else {
                keys.withUnsafeBufferPointer { k in scratch.withUnsafeMutableBufferPointer { s in pass(k, s) } }
            }
            inScratch.toggle()
        }
        if inScratch { swap(&keys, &scratch) }
    }
}
