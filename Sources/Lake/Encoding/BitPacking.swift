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

    /// Unpacks `count` values of `width` bits (0…32) into 32-bit outputs; one 64-bit load per
    /// value where 8 bytes are available, since shift (≤ 7) + width (≤ 32) fits in 64 bits.
    @inline(__always)
    static func unpack32(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int, into out: UnsafeMutablePointer<UInt32>) {
        if width == 0 {
            out.update(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = (1 << UInt64(width)) - 1
        let n = bytes.count
        guard let base = bytes.baseAddress else { return }
        // Values whose 8-byte window lies inside the buffer.
        let fast = n >= 8 ? min(count, ((n - 8) * 8) / width + 1) : 0
        var bit = 0
        var i = 0
        while i < fast {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
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
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += width
            i += 1
        }
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
