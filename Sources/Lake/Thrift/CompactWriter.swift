/// Writes the Thrift compact protocol into a byte array. Fields must be written in ascending
/// id order; nested structs keep their own field-id numbering (a stack).
struct CompactWriter {
    private(set) var bytes: [UInt8] = []
    private var lastFieldId: Int16 = 0
    private var stack: [Int16] = []

    init() { bytes.reserveCapacity(256) }

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func fieldHeader(_ id: Int16, _ type: CompactType) {
        let delta = id - lastFieldId
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigzag(Int64(id))
        }
        lastFieldId = id
    }

    mutating func field(_ id: Int16, i32 value: Int32) { fieldHeader(id, .i32); writeZigzag(Int64(value)) }
    mutating func field(_ id: Int16, i64 value: Int64) { fieldHeader(id, .i64); writeZigzag(value) }
    mutating func field(_ id: Int16, i16 value: Int16) { fieldHeader(id, .i16); writeZigzag(Int64(value)) }
    mutating func field(_ id: Int16, i8 value: Int8) { fieldHeader(id, .i8); bytes.append(UInt8(bitPattern: value)) }
    mutating func field(_ id: Int16, bool value: Bool) { fieldHeader(id, value ? .boolTrue : .boolFalse) }
    mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }
    mutating func field(_ id: Int16, string value: String) { field(id, binary: Array(value.utf8)) }

    /// Writes a struct-typed field; `body` writes the nested fields.
    mutating func field(_ id: Int16, struct body: (inout CompactWriter) -> Void) {
        fieldHeader(id, .structure)
        writeStruct(body)
    }

    mutating func writeStruct(_ body: (inout CompactWriter) -> Void) {
        stack.append(lastFieldId)
        lastFieldId = 0
        body(&self)
        bytes.append(0)
        lastFieldId = stack.removeLast()
    }

    mutating func listHeader(_ count: Int, _ type: CompactType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            writeVarint(UInt64(count))
        }
    }

    mutating func field<T>(_ id: Int16, structs items: [T], _ element: (inout CompactWriter, T) -> Void) {
        fieldHeader(id, .list)
        listHeader(items.count, .structure)
        for item in items { writeStruct { element(&$0, item) } }
    }

    mutating func field(_ id: Int16, i32s items: [Int32]) {
        fieldHeader(id, .list)
        listHeader(items.count, .i32)
        for v in items { writeZigzag(Int64(v)) }
    }

    mutating func field(_ id: Int16, strings items: [String]) {
        fieldHeader(id, .list)
        listHeader(items.count, .binary)
        for s in items {
            let u = Array(s.utf8)
            writeVarint(UInt64(u.count))
            bytes.append(contentsOf: u)
        }
    }
}
