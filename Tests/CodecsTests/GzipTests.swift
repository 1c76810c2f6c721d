import Foundation
import Testing

@testable import Codecs

@Suite struct GzipTests {
    let text = Array(String(repeating: "Gabapentin,Neurontin,\"Smith, Jr.\",Mayagüez\n", count: 3000).utf8)

    @Test func roundTrip() throws {
        let packed = try Gzip.compress(text)
        #expect(Gzip.hasMagic(packed))
        #expect(try Gzip.decompress(packed) == text)
    }

    @Test func libdeflateOutputIsGzipThatZlibReadsAndTheSameEveryTime() throws {
        let packed = try Deflate.gzip(text, level: 6)
        #expect(Gzip.hasMagic(packed))
        #expect(try Gzip.decompress(packed) == text)
        #expect(try Deflate.gzip(text, level: 6) == packed)
        #expect(packed.count < (try Gzip.compress(text, level: 6)).count + 64)
        #expect(try Gzip.decompress(try Deflate.gzip([])) == [])
        #expect(throws: CodecError.self) { try Deflate.gzip(text, level: 13) }
    }

    @Test func readsConcatenatedMembers() throws {
        let a = try Gzip.compress(Array("first\n".utf8)), b = try Gzip.compress(Array("second\n".utf8))
        #expect(try Gzip.decompress(a + b) == Array("first\nsecond\n".utf8))
    }

    @Test func systemGunzipReadsOurOutput() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rx-gzip-\(getpid()).gz")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(try Gzip.compress(text)).write(to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(Array(output) == text)
    }

    @Test func truncationIsDetected() throws {
        let packed = try Gzip.compress(text)
        #expect(throws: CodecError.self) { try Gzip.decompress(Array(packed.dropLast(12))) }
    }

    @Test func corruptionIsATypedError() throws {
        var packed = try Gzip.compress(text)
        for i in 20..<40 { packed[i] ^= 0xFF }
        #expect(throws: CodecError.self) { try Gzip.decompress(packed) }
    }
}
