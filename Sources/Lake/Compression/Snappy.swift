/// A Snappy block decompressor written from the format description (varint length, then
/// literal and copy elements). Every length and offset is checked, so hostile input yields
/// an error, and the output never grows past the length the block declares.
enum Snappy {
    static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws -> [UInt8] {
        var c = ByteCursor(input)
        let declared = try c.varint()
        guard declared == UInt64(expectedSize) else {
            throw FormatError("Snappy block declares \(declared) bytes but the page header says \(expectedSize)")
        }
        var out = [UInt8](repeating: 0, count: expectedSize)
        var o = 0
        try out.withUnsafeMutableBufferPointer { dst in
            while c.remaining > 0 {
                let tag = try c.byte()
                switch tag & 3 {
                case 0:
                    var len = Int(tag >> 2)
                    if len >= 60 {
                        let extra = len - 59
                        try c.need(extra, "a Snappy literal length")
                        len = 0
                        for k in 0..<extra { len |= Int(c.buffer[c.position + k]) << (8 * k) }
                        c.position += extra
                    }
                    len += 1
                    guard len <= expectedSize - o else { throw FormatError("Snappy literal overruns the declared size") }
                    let src = try c.take(len, "a Snappy literal")
                    UnsafeMutableRawPointer(dst.baseAddress! + o).copyMemory(from: src.baseAddress!, byteCount: len)
                    o += len
                default:
                    let len: Int
                    let offset: Int
                    switch tag & 3 {
                    case 1:
                        len = 4 + Int((tag >> 2) & 7)
                        offset = Int(tag >> 5) << 8 | Int(try c.byte())
                    case 2:
                        len = 1 + Int(tag >> 2)
                        let b = try c.take(2, "a Snappy copy offset")
                        offset = Int(b[0]) | Int(b[1]) << 8
                    default:
                        len = 1 + Int(tag >> 2)
                        let b = try c.take(4, "a Snappy copy offset")
                        offset = Int(b[0]) | Int(b[1]) << 8 | Int(b[2]) << 16 | Int(b[3]) << 24
                    }
                    guard offset > 0, offset <= o else { throw FormatError("Snappy copy offset \(offset) points before the output start") }
                    guard len <= expectedSize - o else { throw FormatError("Snappy copy overruns the declared size") }
                    let p = dst.baseAddress!
                    if offset >= len {
                        (p + o).update(from: p + o - offset, count: len)
                    } else {
                        for k in 0..<len { p[o + k] = p[o - offset + k] }
                    }
                    o += len
                }
            }
        }
        guard o == expectedSize else { throw FormatError("Snappy block produced \(o) bytes, expected \(expectedSize)") }
        return out
    }
}
