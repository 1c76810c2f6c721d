import Testing
@testable import Lake

@Suite struct ThriftTests {
    @Test func varintsAndZigzagRoundTrip() throws {
        var w = CompactWriter()
        let values: [Int64] = [0, 1, -1, 63, -64, 300, Int64.max, Int64.min]
        for v in values { w.writeZigzag(v) }
        let (got, left) = try w.bytes.withUnsafeBytes { raw throws -> ([Int64], Int) in
            var r = CompactReader(raw)
            let out = try values.map { _ in try r.readI64() }
            return (out, r.remaining)
        }
        #expect(got == values)
        #expect(left == 0)
    }

    @Test func fieldHeadersUseDeltasAndLongForm() {
        var w = CompactWriter()
        w.writeStruct { s in
            s.field(1, i32: 1)       // 0x15
            s.field(2, i32: 2)       // delta 1 again: 0x15
            s.field(20, i32: 3)      // long form: 0x05, zigzag(20) = 40
        }
        #expect(w.bytes == [0x15, 0x02, 0x15, 0x04, 0x05, 0x28, 0x06, 0x00])
    }

    @Test func unknownFieldsOfEveryTypeAreSkipped() throws {
        var w = CompactWriter()
        w.writeStruct { s in
            s.field(1, i32: 7)
            s.field(2, bool: true)
            s.field(3, binary: [1, 2, 3])
            s.field(4) { n in n.field(1, i64: 99); n.field(2, strings: ["a", "b"]) }
            s.field(5, i32s: Array(repeating: 5, count: 20))
            s.field(6, i32: 8)
        }
        let (got, left) = try w.bytes.withUnsafeBytes { raw throws -> ([Int32], Int) in
            var r = CompactReader(raw)
            var got: [Int32] = []
            try r.readStruct { r, id, _ in
                if id == 1 || id == 6 { got.append(try r.readI32()); return true }
                return false
            }
            return (got, r.remaining)
        }
        #expect(got == [7, 8])
        #expect(left == 0)
    }

    @Test func lyingLengthsAndDeepNestingAreErrors() {
        // A binary that claims 1000 bytes in a 3-byte buffer.
        #expect(throws: FormatError.self) {
            try ([0x18, 0xE8, 0x07] as [UInt8]).withUnsafeBytes { raw in
                var r = CompactReader(raw)
                try r.readStruct { _, _, _ in false }
            }
        }
        // 100 nested structs: refused, not a stack overflow.
        let nested = [UInt8](repeating: 0x1C, count: 100) + [UInt8](repeating: 0, count: 101)
        #expect(throws: FormatError.self) {
            try nested.withUnsafeBytes { raw in
                var r = CompactReader(raw)
                try r.readStruct { _, _, _ in false }
            }
        }
        // A list that claims a million elements in 2 bytes.
        #expect(throws: FormatError.self) {
            try ([0xF5, 0xC0, 0x84, 0x3D] as [UInt8]).withUnsafeBytes { raw in
                var r = CompactReader(raw)
                _ = try r.readListHeader()
            }
        }
    }
}
