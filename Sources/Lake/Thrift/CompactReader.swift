/// Reads the Thrift compact protocol from a byte buffer with bounds checks everywhere:
/// a hostile footer can only produce a `FormatError`, never an out-of-bounds read, a huge
/// allocation (lengths are checked against the remaining bytes first) or deep recursion.
struct CompactReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    private var lastFieldIds: [Int16] = []
    private var lastFieldId: Int16 = 0
    private var pendingBool: Bool?
    private static let maxDepth = 64

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }

    mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw FormatError("Thrift data ends early at byte \(position)") }
        let b = bytes[position]
        position += 1
        return b
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift == 63 && b > 1 { throw FormatError("Thrift varint overflows 64 bits at byte \(position)") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw FormatError("Thrift varint longer than 10 bytes at byte \(position)") }
        }
    }

    mutating func readI64() throws -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    mutating func readI32() throws -> Int32 {
        let v = try readI64()
        guard let r = Int32(exactly: v) else { throw FormatError("Thrift i32 out of range (\(v))") }
        return r
    }

    mutating func readI16() throws -> Int16 {
        let v = try readI64()
        guard let r = Int16(exactly: v) else { throw FormatError("Thrift i16 out of range (\(v))") }
        return r
    }

    mutating func readDouble() throws -> Double {
        guard remaining >= 8 else { throw FormatError("Thrift double ends early at byte \(position)") }
        let raw = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return Double(bitPattern: UInt64(littleEndian: raw))
    }

    mutating func readBinary() throws -> [UInt8] {
        let n = try readVarint()
        guard n <= UInt64(remaining) else {
            throw FormatError("Thrift binary length \(n) exceeds the \(remaining) bytes left")
        }
        let out = Array(UnsafeRawBufferPointer(rebasing: bytes[position..<position + Int(n)]))
        position += Int(n)
        return out
    }

    mutating func readString() throws -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    /// Value of a bool struct field: carried in the field header's type nibble.
    mutating func readBool() throws -> Bool {
        if let b = pendingBool { pendingBool = nil; return b }
        let b = try readByte()
        return b == 1
    }

    /// Reads a list header; the size is checked against the bytes left (every element takes at
    /// least one byte), so a lying size cannot trigger a huge allocation.
    mutating func readListHeader() throws -> (CompactType, Int) {
        let h = try readByte()
        var size = Int(h >> 4)
        if size == 15 {
            let n = try readVarint()
            guard n <= UInt64(remaining) else { throw FormatError("Thrift list size \(n) exceeds the \(remaining) bytes left") }
            size = Int(n)
        }
        guard let t = CompactType(rawValue: h & 0x0F), t != .stop else {
            throw FormatError("unknown Thrift list element type \(h & 0x0F)")
        }
        guard size <= remaining || t == .boolTrue || t == .boolFalse else {
            throw FormatError("Thrift list size \(size) exceeds the \(remaining) bytes left")
        }
        return (t, size)
    }

    /// Iterates the fields of a struct; `body` reads fields it knows and returns false for the
    /// rest, which are skipped by type.
    mutating func readStruct(_ body: (inout CompactReader, Int16, CompactType) throws -> Bool) throws {
        guard lastFieldIds.count < Self.maxDepth else { throw FormatError("Thrift structs nested too deeply") }
        lastFieldIds.append(lastFieldId)
        lastFieldId = 0
        while true {
            let h = try readByte()
            if h == 0 { break }
            guard let type = CompactType(rawValue: h & 0x0F) else {
                throw FormatError("unknown Thrift field type \(h & 0x0F) at byte \(position - 1)")
            }
            let delta = Int16(h >> 4)
            let id: Int16 = delta == 0 ? try readI16() : lastFieldId &+ delta
            lastFieldId = id
            if type == .boolTrue { pendingBool = true } else if type == .boolFalse { pendingBool = false }
            let start = position
            let handled = try body(&self, id, type)
            if !handled {
                position = start
                try skip(type)
            }
            pendingBool = nil
        }
        lastFieldId = lastFieldIds.removeLast()
    }

    /// Reads a list of structs with the element decoder `element`.
    mutating func readList<T>(_ what: String, _ element: (inout CompactReader) throws -> T) throws -> [T] {
        let (_, n) = try readListHeader()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try element(&self)) }
        return out
    }

    mutating func skip(_ type: CompactType, depth: Int = 0) throws {
        guard depth < Self.maxDepth else { throw FormatError("Thrift values nested too deeply") }
        switch type {
        case .stop: throw FormatError("unexpected Thrift stop")
        case .boolTrue, .boolFalse: if pendingBool == nil { _ = try readByte() } else { pendingBool = nil }
        case .i8: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard remaining >= 8 else { throw FormatError("Thrift double ends early") }
            position += 8
        case .binary:
            let n = try readVarint()
            guard n <= UInt64(remaining) else { throw FormatError("Thrift binary length \(n) exceeds the \(remaining) bytes left") }
            position += Int(n)
        case .list, .set:
            let (t, n) = try readListHeader()
            for _ in 0..<n {
                if t == .boolTrue || t == .boolFalse { _ = try readByte() } else { try skip(t, depth: depth + 1) }
            }
        case .map:
            let n = try readVarint()
            guard n <= UInt64(remaining) else { throw FormatError("Thrift map size \(n) exceeds the bytes left") }
            if n == 0 { return }
            let kv = try readByte()
            guard let k = CompactType(rawValue: kv >> 4), let v = CompactType(rawValue: kv & 0x0F) else {
                throw FormatError("unknown Thrift map types")
            }
            for _ in 0..<n {
                if k == .boolTrue || k == .boolFalse { _ = try readByte() } else { try skip(k, depth: depth + 1) }
                if v == .boolTrue || v == .boolFalse { _ = try readByte() } else { try skip(v, depth: depth + 1) }
            }
        case .structure:
            guard lastFieldIds.count + depth < Self.maxDepth else { throw FormatError("Thrift structs nested too deeply") }
            try readStruct { _, _, _ in false }
        }
    }
}
