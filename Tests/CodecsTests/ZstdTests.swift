import Testing

@testable import Codecs

@Suite struct ZstdTests {
    let text = Array(String(repeating: "Atorvastatin Calcium,Lipitor,1234,56.78\n", count: 5000).utf8)

    @Test func oneShotRoundTrip() throws {
        let packed = try Zstd.compress(text, level: 3)
        #expect(packed.count < text.count / 10)
        #expect(Zstd.hasMagic(packed))
        #expect(try Zstd.decompress(packed, expectedSize: text.count) == text)
    }

    @Test func oneShotRejectsWrongSize() throws {
        let packed = try Zstd.compress(text)
        #expect(throws: CodecError.self) { try Zstd.decompress(packed, expectedSize: text.count - 1) }
    }

    @Test func corruptInputIsATypedError() {
        let garbage: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 1, 2, 3, 4, 5]
        #expect(throws: CodecError.self) { try Zstd.decompress(garbage, expectedSize: 100) }
    }

    @Test func streamingRoundTripInOddChunks() throws {
        let packedSink = MemorySink()
        let compressor = try ZstdCompressor(into: packedSink, level: 5)
        for start in stride(from: 0, to: text.count, by: 7777) {
            try text[start..<min(start + 7777, text.count)].withUnsafeBytes { try compressor.write($0) }
        }
        try compressor.finish()
        let plainSink = MemorySink()
        let decompressor = try ZstdDecompressor(into: plainSink)
        let packed = packedSink.bytes
        for start in stride(from: 0, to: packed.count, by: 13) {
            try packed[start..<min(start + 13, packed.count)].withUnsafeBytes { try decompressor.write($0) }
        }
        try decompressor.finish()
        #expect(plainSink.bytes == text)
    }

    @Test func streamingDetectsTruncation() throws {
        let packedSink = MemorySink()
        let compressor = try ZstdCompressor(into: packedSink)
        try text.withUnsafeBytes { try compressor.write($0) }
        try compressor.finish()
        let decompressor = try ZstdDecompressor(into: MemorySink())
        try packedSink.bytes.dropLast(10).withUnsafeBytes { try decompressor.write($0) }
        #expect(throws: CodecError.truncated(codec: "zstd")) { try decompressor.finish() }
    }
}
