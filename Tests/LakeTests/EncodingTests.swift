import Testing
@testable import Lake

@Suite struct EncodingTests {
    @Test func bitPackingMatchesTheSpecExample() {
        var out = [UInt8]()
        [UInt64](0...7).withUnsafeBufferPointer { BitPacking.pack($0, width: 3, into: &out) }
        #expect(out == [0x88, 0xC6, 0xFA])
    }

    @Test(arguments: [1, 2, 3, 7, 8, 13, 20, 31, 32])
    func rleHybridRoundTrips(width: Int) throws {
        var rng = SplitMix(seed: UInt64(width))
        let maxValue = UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(width)) - 1)
        var values = [UInt32]()
        for _ in 0..<5000 {
            let v = UInt32.random(in: 0...maxValue, using: &rng)
            let run = Int.random(in: 1...(Bool.random(using: &rng) ? 1 : 40), using: &rng)
            values.append(contentsOf: repeatElement(v, count: run))
        }
        var encoded = [UInt8]()
        values.withUnsafeBufferPointer { RLEHybrid.encode($0, width: width, into: &encoded) }
        var decoded = [UInt32](repeating: 0, count: values.count)
        try encoded.withUnsafeBytes { raw in
            try decoded.withUnsafeMutableBufferPointer { try RLEHybrid.decode(raw, width: width, count: values.count, into: $0.baseAddress!) }
        }
        #expect(decoded == values)
    }

    /// The fused unpack-and-look-up path gives what `decode` then a lookup gives, across
    /// block boundaries (long bit-packed runs) and RLE runs, and refuses an index past the
    /// dictionary without throwing (the caller decodes again for the exact error).
    @Test(arguments: [1, 3, 9, 12, 17, 32])
    func dictionaryGatherMatchesDecodeThenLookUp(width: Int) throws {
        var rng = SplitMix(seed: UInt64(100 + width))
        let maxValue = UInt32(truncatingIfNeeded: min((UInt64(1) << UInt64(width)) - 1, 4999))
        var indices = [UInt32]()
        while indices.count < 20_000 {
            let v = UInt32.random(in: 0...maxValue, using: &rng)
            let run = Int.random(in: 1...(Int.random(in: 0..<4, using: &rng) == 0 ? 60 : 1), using: &rng)
            indices.append(contentsOf: repeatElement(v, count: run))
        }
        indices[indices.count / 2] = maxValue  // the last entry is used (refused below without it)
        var encoded = [UInt8]()
        indices.withUnsafeBufferPointer { RLEHybrid.encode($0, width: width, into: &encoded) }
        let dictionary = (0...Int(maxValue)).map { Int64($0) * 7 - 3 }
        let expected = indices.map { dictionary[Int($0)] }
        var out = [Int64](repeating: 0, count: indices.count)
        let ok = try encoded.withUnsafeBytes { raw in
            try dictionary.withUnsafeBufferPointer { d in
                try out.withUnsafeMutableBufferPointer {
                    try RLEHybrid.decodeGather(raw, width: width, count: indices.count, dictionary: d, into: $0.baseAddress!)
                }
            }
        }
        #expect(ok && out == expected)
        let short = Array(dictionary.dropLast())
        let refused = try encoded.withUnsafeBytes { raw in
            try short.withUnsafeBufferPointer { d in
                try out.withUnsafeMutableBufferPointer {
                    try RLEHybrid.decodeGather(raw, width: width, count: indices.count, dictionary: d, into: $0.baseAddress!)
                }
            }
        }
        #expect(!refused)
    }

    @Test func deltaBinaryPackedDecodesAHandEncodedBlock() throws {
        // block 128, 4 miniblocks, 5 values, first 7; deltas 1,2,3,4 -> min delta 1, width 2.
        var bytes: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x0E, 0x02, 0x02, 0x00, 0x00, 0x00]
        // Miniblock 0: 32 values of 2 bits = 8 bytes: 0,1,2,3 then zeros.
        bytes += [0b1110_0100, 0, 0, 0, 0, 0, 0, 0]
        let (got, left) = try bytes.withUnsafeBytes { raw throws -> ([Int64], Int) in
            var c = ByteCursor(raw)
            let v = try DeltaBinaryPacked.decode(&c, maxCount: 5)
            return (v, c.remaining)
        }
        #expect(got == [7, 8, 10, 13, 17])
        #expect(left == 0)
    }

    @Test func snappyLiteralsAndOverlappingCopies() throws {
        // "abcabcabcabcX": literal "abc", copy(len 9, offset 3) via 1-byte-offset tag, literal "X".
        let block: [UInt8] = [13, 0x08, 0x61, 0x62, 0x63, 0x15, 0x03, 0x00, 0x58]
        let out = try block.withUnsafeBytes { try Snappy.decompress($0, expectedSize: 13) }
        #expect(String(decoding: out, as: UTF8.self) == "abcabcabcabcX")
        #expect(throws: FormatError.self) { try block.withUnsafeBytes { _ = try Snappy.decompress($0, expectedSize: 14) } }
        let badOffset: [UInt8] = [4, 0x05, 0x09]  // copy before the start
        #expect(throws: FormatError.self) { try badOffset.withUnsafeBytes { _ = try Snappy.decompress($0, expectedSize: 4) } }
    }

    @Test func datesFormatAcrossTheCalendar() {
        #expect(DateFormatting.iso(days: 0) == "1970-01-01")
        #expect(DateFormatting.iso(days: -1) == "1969-12-31")
        #expect(DateFormatting.iso(days: 11016) == "2000-02-29")
        #expect(DateFormatting.iso(days: 2_932_896) == "9999-12-31")
        #expect(DateFormatting.days(year: 2022, month: 1, day: 1) == 18993)
    }

    @Test func hivePathEscapesUntrustedValues() {
        #expect(HivePath.segment(column: "state", value: "CA") == "state=CA")
        #expect(HivePath.segment(column: "x", value: "../etc/passwd") == "x=%2E.%2Fetc%2Fpasswd")
        #expect(HivePath.segment(column: "x", value: nil) == "x=__HIVE_DEFAULT_PARTITION__")
        #expect(HivePath.unescape(HivePath.escape("a b/ç=%")) == "a b/ç=%")
    }
}
