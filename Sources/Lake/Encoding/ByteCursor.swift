/// A bounds-checked forward reader over a page body. Every read checks the bytes left, so
/// decoders built on it cannot read past a truncated or lying page.
struct ByteCursor {
    let buffer: UnsafeRawBufferPointer
    var position: Int

    init(_ buffer: UnsafeRawBufferPointer, position: Int = 0) {
        self.buffer = buffer
        self.position = position
    }

    var remaining: Int { buffer.count - position }

    mutating func need(_ n: Int, _ what: @autoclosure () -> String) throws {
        guard n >= 0, n <= remaining else { throw FormatError("\(what()) needs \(n) bytes but only \(remaining) remain") }
    }

    mutating func byte() throws -> UInt8 {
        try need(1, "a byte")
        defer { position += 1 }
        return buffer[position]
    }

    mutating func u32() throws -> UInt32 {
        try need(4, "a length")
        defer { position += 4 }
        return UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            guard shift <= 63 else { throw FormatError("varint longer than 10 bytes") }
        }
    }

    mutating func zigzag() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// Takes the next `n` bytes as a sub-buffer.
    mutating func take(_ n: Int, _ what: @autoclosure () -> String) throws -> UnsafeRawBufferPointer {
        try need(n, what())
        defer { position += n }
        return UnsafeRawBufferPointer(rebasing: buffer[position..<position + n])
    }

    var rest: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[position...]) }
}
