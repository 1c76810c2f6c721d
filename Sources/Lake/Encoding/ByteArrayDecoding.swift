/// Decoders for BYTE_ARRAY values: PLAIN, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY.
/// Each appends `count` strings to `out` (no per-value allocation).
enum ByteArrayDecoding {
    /// PLAIN FIXED_LEN_BYTE_ARRAY: `count` values of `width` bytes, no length prefixes.
    static func fixed(_ c: inout ByteCursor, count: Int, width: Int, into out: inout StringArray.Builder) throws {
        for _ in 0..<count { try out.append(try c.take(width, "a FIXED_LEN_BYTE_ARRAY value")) }
    }

    static func plain(_ c: inout ByteCursor, count: Int, into out: inout StringArray.Builder) throws {
        for _ in 0..<count {
            let n = Int(try c.u32())
            let raw = try c.take(n, "a BYTE_ARRAY value")
            try out.append(raw)
        }
    }

    /// PLAIN values into a new array (dictionary pages): lengths are checked and offsets
    /// written in a first pass, then the bytes are copied into one exactly-sized buffer, so
    /// no per-value append or regrowth.
    static func plainArray(_ c: inout ByteCursor, count: Int) throws -> StringArray {
        let start = c.position
        var total = 0
        var failure: (any Error)?
        let offsets = [Int32](unsafeUninitializedCapacity: count + 1) { o, initialized in
            o[0] = 0
            initialized = 1
            do {
                for i in 0..<count {
                    let n = Int(try c.u32())
                    _ = try c.take(n, "a BYTE_ARRAY value")
                    total += n
                    guard total <= Int(Int32.max) else { throw FormatError("more than 2 GiB of strings in one row group column") }
                    o[i + 1] = Int32(truncatingIfNeeded: total)
                    initialized = i + 2
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        let source = c.buffer
        let bytes = [UInt8](unsafeUninitializedCapacity: max(total, 1)) { out, initialized in  // ≥ 1: see ColumnChunkDecoder
            var pos = start
            for i in 0..<count {
                let a = Int(offsets[i]), n = Int(offsets[i + 1]) - a
                if n > 0 { (out.baseAddress! + a).initialize(from: source.baseAddress!.assumingMemoryBound(to: UInt8.self) + pos + 4, count: n) }
                pos += 4 + n
            }
            initialized = total
        }
        return StringArray(uncheckedOffsets: offsets, bytes: bytes)
    }

    static func deltaLength(_ c: inout ByteCursor, count: Int, into out: inout StringArray.Builder) throws {
        let lengths = try DeltaBinaryPacked.decode(&c, maxCount: count)
        guard lengths.count == count else { throw FormatError("DELTA_LENGTH_BYTE_ARRAY has \(lengths.count) lengths for \(count) values") }
        for n in lengths {
            guard n >= 0, n <= Int64(c.remaining) else { throw FormatError("DELTA_LENGTH_BYTE_ARRAY length \(n) exceeds the page") }
            try out.append(try c.take(Int(n), "a DELTA_LENGTH_BYTE_ARRAY value"))
        }
    }

    static func deltaByteArray(_ c: inout ByteCursor, count: Int, into out: inout StringArray.Builder) throws {
        let prefixes = try DeltaBinaryPacked.decode(&c, maxCount: count)
        let suffixLengths = try DeltaBinaryPacked.decode(&c, maxCount: count)
        guard prefixes.count == count, suffixLengths.count == count else {
            throw FormatError("DELTA_BYTE_ARRAY has \(prefixes.count) prefixes and \(suffixLengths.count) suffixes for \(count) values")
        }
        var previous = [UInt8]()
        var current = [UInt8]()
        for i in 0..<count {
            let p = prefixes[i], s = suffixLengths[i]
            guard p >= 0, p <= Int64(previous.count) else { throw FormatError("DELTA_BYTE_ARRAY prefix \(p) is longer than the previous value") }
            guard s >= 0, s <= Int64(c.remaining) else { throw FormatError("DELTA_BYTE_ARRAY suffix length \(s) exceeds the page") }
            current.removeAll(keepingCapacity: true)
            current.append(contentsOf: previous[0..<Int(p)])
            current.append(contentsOf: try c.take(Int(s), "a DELTA_BYTE_ARRAY suffix"))
            try current.withUnsafeBytes { try out.append($0) }
            swap(&previous, &current)
        }
    }
}

extension StringArray {
    /// Appends strings while checking the 2 GiB offset limit of one batch.
    struct Builder {
        var offsets: [Int32]
        var bytes: [UInt8]

        init(capacity: Int) {
            offsets = [0]
            offsets.reserveCapacity(capacity + 1)
            bytes = []
        }

        @inline(__always)
        mutating func append(_ raw: UnsafeRawBufferPointer) throws {
            guard bytes.count + raw.count <= Int(Int32.max) else { throw FormatError("more than 2 GiB of strings in one row group column") }
            bytes.append(contentsOf: raw)
            offsets.append(Int32(truncatingIfNeeded: bytes.count))
        }

        @inline(__always)
        mutating func appendEmpty() { offsets.append(offsets[offsets.count - 1]) }

        var count: Int { offsets.count - 1 }

        func build() -> StringArray { StringArray(uncheckedOffsets: offsets, bytes: bytes) }
    }
}
