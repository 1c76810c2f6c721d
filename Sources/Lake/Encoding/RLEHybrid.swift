/// The RLE / bit-packing hybrid used for definition levels, dictionary indices and RLE booleans.
enum RLEHybrid {
    /// One run of the hybrid encoding, cut to the values still wanted.
    enum Run {
        /// `count` copies of `value`.
        case repeated(value: UInt32, count: Int)
        /// `count` values of the run's width bit-packed from the start of `bytes`.
        case packed(bytes: UnsafeRawBufferPointer, count: Int)
    }

    /// Reads and checks the run at `c` (at most `wanted` of its values are kept) and moves
    /// `c` past it.
    @inline(__always)
    static func nextRun(_ c: inout ByteCursor, width: Int, wanted: Int) throws -> Run {
        let header = try c.varint()
        if header & 1 == 0 {
            let run = header >> 1
            let valueBytes = (width + 7) / 8
            try c.need(valueBytes, "an RLE run value")
            var v: UInt32 = 0
            for k in 0..<valueBytes { v |= UInt32(c.buffer[c.position + k]) << UInt32(8 * k) }
            c.position += valueBytes
            if width < 32 && v >> UInt32(width) != 0 { throw FormatError("RLE run value \(v) does not fit \(width) bits") }
            guard run > 0 else { throw FormatError("RLE run of length 0") }
            return .repeated(value: v, count: Int(min(run, UInt64(wanted))))
        }
        let groups = header >> 1
        guard groups > 0, groups <= UInt64(Int32.max) else { throw FormatError("bit-packed run with \(groups) groups") }
        let take = min(Int(groups) * 8, wanted)
        let needBytes = (take * width + 7) / 8
        try c.need(needBytes, "a bit-packed run")
        let chunk = UnsafeRawBufferPointer(rebasing: c.buffer[c.position..<c.position + needBytes])
        c.position += min(Int(groups) * width, c.remaining)
        return .packed(bytes: chunk, count: take)
    }

    /// Decodes exactly `count` values of `width` bits into `out` and returns the largest (0
    /// when `count` is 0), so dictionary indices need no second pass to be range-checked.
    /// Runs past `count` are ignored (writers pad the last bit-packed run); missing data is an error.
    @discardableResult
    static func decode(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int, into out: UnsafeMutablePointer<UInt32>) throws -> UInt32 {
        guard width >= 0 && width <= 32 else { throw FormatError("bit width \(width) is larger than 32") }
        var c = ByteCursor(bytes)
        var filled = 0
        var largest: UInt32 = 0
        while filled < count {
            switch try nextRun(&c, width: width, wanted: count - filled) {
            case .repeated(let v, let n):
                (out + filled).update(repeating: v, count: n)
                largest = max(largest, v)
                filled += n
            case .packed(let chunk, let n):
                largest = max(largest, BitPacking.unpack32(chunk, width: width, count: n, into: out + filled))
                filled += n
            }
        }
        return largest
    }

    /// Decodes `count` dictionary indices and writes `dictionary[index]` for each to `out`,
    /// unpacking a block at a time (no page-sized index buffer between the two steps).
    /// Returns false as soon as an index is out of range (having written part of `out`): the
    /// caller then decodes the page again with `decode` for the exact error. Structural
    /// errors are the ones `decode` throws, in the same order.
    static func decodeGather<T>(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int,
                                dictionary d: UnsafeBufferPointer<T>, into out: UnsafeMutablePointer<T>) throws -> Bool {
        guard width >= 0 && width <= 32 else { throw FormatError("bit width \(width) is larger than 32") }
        let block = 1024
        return try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: block) { tmp in
            let t = tmp.baseAddress!
            var c = ByteCursor(bytes)
            var filled = 0
            let entries = UInt32(truncatingIfNeeded: min(d.count, Int(UInt32.max)))
            while filled < count {
                switch try nextRun(&c, width: width, wanted: count - filled) {
                case .repeated(let v, let n):
                    guard v < entries else { return false }
                    (out + filled).update(repeating: d[Int(v)], count: n)
                    filled += n
                case .packed(let chunk, let take):
                    // Blocks are whole groups of 8 values (whole bytes); each unpack sees the
                    // rest of the run, so only the run's last values take the slow tail path.
                    var done = 0
                    while done < take {
                        let k = min(block, take - done)
                        let rest = UnsafeRawBufferPointer(rebasing: chunk[(done / 8 * width)...])
                        let largest = BitPacking.unpack32(rest, width: width, count: k, into: t)
                        guard largest < entries else { return false }
                        let o = out + filled + done
                        for i in 0..<k { o[i] = d[Int(t[i])] }
                        done += k
                    }
                    filled += take
                }
            }
            return true
        }
    }

    /// Decodes `count` definition levels (bit width 1) straight into validity flags, run by
    /// run; returns how many are 1 (present). Levels other than 0 and 1 are an error.
    static func decodeLevels(_ bytes: UnsafeRawBufferPointer, count: Int, into out: UnsafeMutablePointer<Bool>) throws -> Int {
        var c = ByteCursor(bytes)
        var filled = 0
        var present = 0
        while filled < count {
            let header = try c.varint()
            if header & 1 == 0 {
                let run = header >> 1
                guard run > 0 else { throw FormatError("RLE run of length 0") }
                let v = try c.byte()
                guard v <= 1 else { throw FormatError("definition level \(v) is above the maximum 1") }
                let n = Int(min(run, UInt64(count - filled)))
                (out + filled).update(repeating: v == 1, count: n)
                if v == 1 { present += n }
                filled += n
            } else {
                let groups = header >> 1
                guard groups > 0, groups <= UInt64(Int32.max) else { throw FormatError("bit-packed run with \(groups) groups") }
                let take = min(Int(groups) * 8, count - filled)
                let needBytes = (take + 7) / 8
                try c.need(needBytes, "a bit-packed level run")
                let base = c.position
                for i in 0..<take {
                    let bit = (c.buffer[base + (i >> 3)] >> UInt8(i & 7)) & 1
                    out[filled + i] = bit == 1
                    present &+= Int(bit)
                }
                c.position += min(Int(groups), c.remaining)
                filled += take
            }
        }
        return present
    }

    /// Encodes `values` (each < 2^width): RLE runs for repeats of 8 or more, bit-packed groups
    /// otherwise. Only the final bit-packed run is padded, as the format requires.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, width: Int, into out: inout [UInt8]) {
        let n = values.count
        var literalStart = 0
        var i = 0
        func varint(_ v: UInt64) {
            var v = v
            while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            out.append(UInt8(v))
        }
        func flushLiterals(_ from: Int, _ to: Int) {
            let count = to - from
            guard count > 0 else { return }
            let groups = (count + 7) / 8
            varint(UInt64(groups) << 1 | 1)
            // Pack straight from the input; the last group is padded with zeros.
            var acc: UInt64 = 0
            var bits = 0
            out.reserveCapacity(out.count + groups * width + 8)
            for k in 0..<(groups * 8) {
                let v = from + k < to ? UInt64(values[from + k]) : 0
                acc |= v << UInt64(bits)
                bits += width
                if bits >= 32 {
                    withUnsafeBytes(of: UInt32(truncatingIfNeeded: acc).littleEndian) { out.append(contentsOf: $0) }
                    acc >>= 32
                    bits -= 32
                }
            }
            while bits > 0 {
                out.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        let valueBytes = (width + 7) / 8
        while i < n {
            let v = values[i]
            var j = i + 1
            while j < n && values[j] == v { j += 1 }
            let run = j - i
            if run >= 8 {
                let pending = i - literalStart
                let pad = (8 - pending % 8) % 8
                if run - pad >= 8 {
                    flushLiterals(literalStart, i + pad)
                    varint(UInt64(run - pad) << 1)
                    var x = v
                    for _ in 0..<valueBytes { out.append(UInt8(truncatingIfNeeded: x)); x >>= 8 }
                    i = j
                    literalStart = i
                    continue
                }
            }
            i = j
        }
        flushLiterals(literalStart, n)
    }
}
