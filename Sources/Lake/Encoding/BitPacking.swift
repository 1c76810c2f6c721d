/// LSB-first bit packing shared by the RLE/bit-packing hybrid and DELTA_BINARY_PACKED.
enum BitPacking {
    /// Unpacks `count` values of `width` bits (0…64) starting at `bytes[0]`.
    /// The caller guarantees `bytes.count >= (count * width + 7) / 8`.
    @inline(__always)
    static func unpack(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int, into out: UnsafeMutablePointer<UInt64>) {
        if width == 0 {
            out.update(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        let n = bytes.count
        var bit = 0
        for i in 0..<count {
            let byteIndex = bit >> 3
            let shift = UInt64(bit & 7)
            var word: UInt64
            if byteIndex + 8 <= n {
                word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self)) >> shift
                if shift + UInt64(width) > 64 {
                    let extra = UInt64(bytes[byteIndex + 8])
                    word |= extra << (64 - shift)
                }
            } else {
                word = 0
                var k = 0
                while byteIndex + k < n && k < 9 {
                    let b = UInt64(bytes[byteIndex + k])
                    if k == 0 { word = b >> shift } else if 8 * k - Int(shift) < 64 { word |= b << UInt64(8 * k - Int(shift)) }
                    k += 1
                }
            }
            out[i] = word & mask
            bit += width
        }
    }

    /// Unpacks `count` values of `width` bits (0…32) into 32-bit outputs and returns the
    /// largest (0 when `count` is 0); one 64-bit load per value where 8 bytes are available,
    /// since shift (≤ 7) + width (≤ 32) fits in 64 bits. Each width gets its own loop with
    /// constant shifts and masks (the `switch` below), which runs several times faster than
    /// one loop over a variable width.
    @discardableResult
    static func unpack32(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int, into out: UnsafeMutablePointer<UInt32>) -> UInt32 {
        if width == 0 || count == 0 {
            out.update(repeating: 0, count: count)
            return 0
        }
        let mask: UInt64 = (1 << UInt64(width)) - 1
        let n = bytes.count
        guard let base = bytes.baseAddress else { return 0 }
        // Values whose 8-byte window lies inside the buffer, in whole groups of 8.
        let fastCount = n >= 8 ? min(count, ((n - 8) * 8) / width + 1) : 0
        let n8 = fastCount & ~7
        var largest: UInt32 = 0
        var fast: UInt32 = 0
        switch width {
        case 1: fast = unpack32Fixed(base, width: 1, count: n8, into: out)
        case 2: fast = unpack32Fixed(base, width: 2, count: n8, into: out)
        case 3: fast = unpack32Fixed(base, width: 3, count: n8, into: out)
        case 4: fast = unpack32Fixed(base, width: 4, count: n8, into: out)
        case 5: fast = unpack32Fixed(base, width: 5, count: n8, into: out)
        case 6: fast = unpack32Fixed(base, width: 6, count: n8, into: out)
        case 7: fast = unpack32Fixed(base, width: 7, count: n8, into: out)
        case 8: fast = unpack32Fixed(base, width: 8, count: n8, into: out)
        case 9: fast = unpack32Fixed(base, width: 9, count: n8, into: out)
        case 10: fast = unpack32Fixed(base, width: 10, count: n8, into: out)
        case 11: fast = unpack32Fixed(base, width: 11, count: n8, into: out)
        case 12: fast = unpack32Fixed(base, width: 12, count: n8, into: out)
        case 13: fast = unpack32Fixed(base, width: 13, count: n8, into: out)
        case 14: fast = unpack32Fixed(base, width: 14, count: n8, into: out)
        case 15: fast = unpack32Fixed(base, width: 15, count: n8, into: out)
        case 16: fast = unpack32Fixed(base, width: 16, count: n8, into: out)
        case 17: fast = unpack32Fixed(base, width: 17, count: n8, into: out)
        case 18: fast = unpack32Fixed(base, width: 18, count: n8, into: out)
        case 19: fast = unpack32Fixed(base, width: 19, count: n8, into: out)
        case 20: fast = unpack32Fixed(base, width: 20, count: n8, into: out)
        case 21: fast = unpack32Fixed(base, width: 21, count: n8, into: out)
        case 22: fast = unpack32Fixed(base, width: 22, count: n8, into: out)
        case 23: fast = unpack32Fixed(base, width: 23, count: n8, into: out)
        case 24: fast = unpack32Fixed(base, width: 24, count: n8, into: out)
        case 25: fast = unpack32Fixed(base, width: 25, count: n8, into: out)
        case 26: fast = unpack32Fixed(base, width: 26, count: n8, into: out)
        case 27: fast = unpack32Fixed(base, width: 27, count: n8, into: out)
        case 28: fast = unpack32Fixed(base, width: 28, count: n8, into: out)
        case 29: fast = unpack32Fixed(base, width: 29, count: n8, into: out)
        case 30: fast = unpack32Fixed(base, width: 30, count: n8, into: out)
        case 31: fast = unpack32Fixed(base, width: 31, count: n8, into: out)
        case 32: fast = unpack32Fixed(base, width: 32, count: n8, into: out)
        default: break
        }
        largest = fast
        var bit = n8 * width
        var i = n8
        while i < fastCount {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            let v = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            out[i] = v
            largest = max(largest, v)
            bit += width
            i += 1
        }
        while i < count {
            var word: UInt64 = 0
            let byteIndex = bit >> 3
            var k = 0
            while byteIndex + k < n && k < 8 {
                word |= UInt64(bytes[byteIndex + k]) << UInt64(8 * k)
                k += 1
            }
            let v = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            out[i] = v
            largest = max(largest, v)
            bit += width
            i += 1
        }
        return largest
    }

    /// `count` (a multiple of 8) values of a constant `width`, 8 per group of `width` bytes;
    /// the caller guarantees 8 readable bytes from every value's first byte. Returns the largest.
    @inline(__always)
    private static func unpack32Fixed(_ base: UnsafeRawPointer, width: Int, count: Int, into out: UnsafeMutablePointer<UInt32>) -> UInt32 {
        let mask: UInt64 = (1 << UInt64(width)) - 1
        var largest: UInt32 = 0
        var g = 0
        while g < count {
            let groupByte = (g >> 3) * width
            for j in 0..<8 {
                let bit = j * width
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: groupByte + (bit >> 3), as: UInt64.self))
                let v = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
                out[g + j] = v
                largest = max(largest, v)
            }
            g += 8
        }
        return largest
    }

    /// Appends `values` packed with `width` bits each (LSB first); pads the last byte with zeros.
    static func pack(_ values: UnsafeBufferPointer<UInt64>, width: Int, into out: inout [UInt8]) {
        guard width > 0 else { return }
        var acc: UInt64 = 0
        var bits = 0
        for v in values {
            acc |= v << UInt64(bits)
            let used = 64 - bits
            if width >= used {
                // Emit the full 64-bit accumulator and keep the spill.
                withUnsafeBytes(of: acc.littleEndian) { out.append(contentsOf: $0) }
                let spill = width - used
                acc = spill == 0 ? 0 : (v >> UInt64(used))
                bits = spill
            } else {
                bits += width
            }
        }
        var b = bits
        while b > 0 {
            out.append(UInt8(truncatingIfNeeded: acc))
            acc >>= 8
            b -= 8
        }
    }

    static func bitWidth(_ v: UInt64) -> Int { v == 0 ? 0 : 64 - v.leadingZeroBitCount }
}
