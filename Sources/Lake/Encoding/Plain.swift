/// PLAIN and BYTE_STREAM_SPLIT for fixed-width values, decoded and encoded in bulk (memcpy).
enum Plain {
    /// Copies `count` little-endian fixed-width values into `out`.
    static func decodeFixed<T: FixedWidthInteger>(_ c: inout ByteCursor, count: Int, as: T.Type, into out: UnsafeMutablePointer<T>) throws {
        let bytes = try c.take(count * MemoryLayout<T>.size, "PLAIN values")
        if count > 0 { UnsafeMutableRawPointer(out).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
    }

    static func decodeDoubles(_ c: inout ByteCursor, count: Int, into out: UnsafeMutablePointer<Double>) throws {
        let bytes = try c.take(count * 8, "PLAIN doubles")
        if count > 0 { UnsafeMutableRawPointer(out).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
    }

    static func decodeFloats(_ c: inout ByteCursor, count: Int, into out: UnsafeMutablePointer<Double>) throws {
        let bytes = try c.take(count * 4, "PLAIN floats")
        for i in 0..<count {
            out[i] = Double(Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))))
        }
    }

    static func decodeBooleans(_ c: inout ByteCursor, count: Int, into out: UnsafeMutablePointer<Bool>) throws {
        let bytes = try c.take((count + 7) / 8, "PLAIN booleans")
        for i in 0..<count { out[i] = (bytes[i >> 3] >> UInt8(i & 7)) & 1 == 1 }
    }

    /// BYTE_STREAM_SPLIT: byte j of value i sits at j * count + i.
    static func decodeByteStreamSplit(_ c: inout ByteCursor, count: Int, width: Int, into out: UnsafeMutableRawPointer) throws {
        let bytes = try c.take(count * width, "BYTE_STREAM_SPLIT values")
        let dst = out.assumingMemoryBound(to: UInt8.self)
        for j in 0..<width {
            let stream = j * count
            for i in 0..<count { dst[i * width + j] = bytes[stream + i] }
        }
    }

    static func encodeFixed<T>(_ values: UnsafeBufferPointer<T>, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    static func encodeBooleans(_ values: UnsafeBufferPointer<Bool>, into out: inout [UInt8]) {
        var byte: UInt8 = 0
        for (i, v) in values.enumerated() {
            if v { byte |= 1 << UInt8(i & 7) }
            if i & 7 == 7 { out.append(byte); byte = 0 }
        }
        if values.count & 7 != 0 { out.append(byte) }
    }
}
