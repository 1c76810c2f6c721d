/// Conversion of DECIMAL values as other writers store them (scale 0…2; INT32, INT64, or
/// big-endian two's-complement bytes in FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY) to cents.
enum DecimalRescale {
    /// `unscaled × 10^(2 − scale)`, or nil when the result has more than the 18 digits of
    /// DECIMAL(18,2) (what rxpipe's lake holds, whatever precision the file declared).
    static func toCents(_ unscaled: Int64, scale: Int32) -> Int64? {
        var v = unscaled
        var s = scale
        while s < Cents.scale {
            let (m, o) = v.multipliedReportingOverflow(by: 10)
            if o { return nil }
            v = m
            s += 1
        }
        guard v >= -Cents.maxMagnitude && v <= Cents.maxMagnitude else { return nil }
        return v
    }

    /// The signed big-endian integer in `bytes` (1…16 bytes), or nil when it needs more
    /// than 64 bits.
    static func bigEndian(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let first = bytes.first else { return nil }
        let fill: UInt8 = first & 0x80 != 0 ? 0xFF : 0
        let extra = max(0, bytes.count - 8)
        for i in 0..<extra where bytes[i] != fill { return nil }
        var v: UInt64 = fill == 0xFF ? UInt64.max : 0
        for i in extra..<bytes.count { v = v << 8 | UInt64(bytes[i]) }
        let result = Int64(bitPattern: v)
        // The kept bytes must carry the same sign as the dropped ones.
        if extra > 0 && (result < 0) != (fill == 0xFF) { return nil }
        return result
    }

    /// The decoded column of a DECIMAL chunk as cents: integers from INT32/INT64 chunks, or
    /// the byte strings of FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY chunks.
    static func cents(ints: [Int64], scale: Int32, column: String) throws -> [Int64] {
        // Values within the declared DECIMAL(≤18, 2) pass as they are; the check (one compare
        // per value) catches a writer that ignored its declared precision.
        if scale == Cents.scale, ints.allSatisfy({ $0 >= -Cents.maxMagnitude && $0 <= Cents.maxMagnitude }) { return ints }
        return try ints.map { v in
            guard let c = toCents(v, scale: scale) else { throw overflow(column) }
            return c
        }
    }

    static func cents(bytes: StringArray, validity: [Bool]?, scale: Int32, column: String) throws -> [Int64] {
        var out = [Int64](repeating: 0, count: bytes.count)
        for i in 0..<bytes.count where validity?[i] ?? true {
            let v = try bytes.withBytes(i) { raw -> Int64 in
                guard let x = bigEndian(raw), let c = toCents(x, scale: scale) else { throw overflow(column) }
                return c
            }
            out[i] = v
        }
        return out
    }

    private static func overflow(_ column: String) -> FormatError {
        FormatError("column \(column): a DECIMAL value does not fit \(Cents.precision) digits")
    }
}
