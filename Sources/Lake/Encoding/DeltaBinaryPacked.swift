/// DELTA_BINARY_PACKED decoding (ints, and the lengths inside the DELTA byte-array encodings).
enum DeltaBinaryPacked {
    /// Decodes up to `maxCount` values; returns them and leaves `cursor` after the last
    /// miniblock that held a value (where DELTA_LENGTH_BYTE_ARRAY's bytes start).
    static func decode(_ cursor: inout ByteCursor, maxCount: Int) throws -> [Int64] {
        let blockSize = try cursor.varint()
        let miniblocks = try cursor.varint()
        let total = try cursor.varint()
        let first = try cursor.zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20 else {
            throw FormatError("DELTA_BINARY_PACKED block size \(blockSize) is not a positive multiple of 128")
        }
        guard miniblocks > 0, miniblocks <= blockSize, blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0 else {
            throw FormatError("DELTA_BINARY_PACKED has \(miniblocks) miniblocks per block of \(blockSize)")
        }
        guard total <= UInt64(maxCount) else {
            throw FormatError("DELTA_BINARY_PACKED claims \(total) values where at most \(maxCount) fit")
        }
        let count = Int(total)
        var out = [Int64]()
        out.reserveCapacity(count)
        if count == 0 { return out }
        out.append(first)
        let perMini = Int(blockSize / miniblocks)
        var widths = [Int](repeating: 0, count: Int(miniblocks))
        var scratch = [UInt64](repeating: 0, count: perMini)
        var last = first
        while out.count < count {
            let minDelta = try cursor.zigzag()
            for m in 0..<Int(miniblocks) {
                let w = Int(try cursor.byte())
                guard w <= 64 else { throw FormatError("DELTA_BINARY_PACKED miniblock bit width \(w) exceeds 64") }
                widths[m] = w
            }
            for m in 0..<Int(miniblocks) where out.count < count {
                let w = widths[m]
                let bytes = try cursor.take(perMini * w / 8, "a DELTA_BINARY_PACKED miniblock")
                let n = min(perMini, count - out.count)
                scratch.withUnsafeMutableBufferPointer { s in
                    BitPacking.unpack(bytes, width: w, count: n, into: s.baseAddress!)
                    for k in 0..<n {
                        last = last &+ minDelta &+ Int64(bitPattern: s[k])
                        out.append(last)
                    }
                }
            }
        }
        return out
    }
}
