import Codecs
import Foundation
import Testing

@testable import Ingestion

/// Collects records as strings, for assertions.
struct CollectingSink: CSVRecordSink {
    var rows: [(line: Int, fields: [String])] = []
    var current: [String] = []
    var repairs = 0
    var oversized: [Int] = []
    mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        let raw = escaped ? CSVFieldText.unescape(bytes) : Array(bytes)
        let decoded = raw.withUnsafeBufferPointer { CSVFieldText.decode($0) }
        if decoded.repaired { repairs += 1 }
        current.append(decoded.text)
    }
    mutating func endRecord(line: Int, fieldCount: Int) {
        rows.append((line, current))
        current = []
    }
}

func readAll(_ path: String, blockSize: Int = 8 << 20, maxRecordBytes: Int = 16 << 20) throws -> (header: [String], rows: [(line: Int, fields: [String])], repairs: Int, oversized: [Int]) {
    let reader = try CSVReader(path: path, blockSize: blockSize, maxRecordBytes: maxRecordBytes)
    var rows: [(line: Int, fields: [String])] = []
    var repairs = 0
    var oversized: [Int] = []
    try reader.forEachBlock(parse: { block -> (CollectingSink, Bool, Int) in
        var sink = CollectingSink()
        if !block.oversized { CSVBlockParser.parse(block, into: &sink) }
        return (sink, block.oversized, block.firstLine)
    }, consume: { sink, isOversized, line in
        if isOversized { oversized.append(line) }
        rows += sink.rows
        repairs += sink.repairs
    })
    return (reader.header, rows, repairs, oversized)
}

func writeFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = temporaryDirectory("csv") + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

func writeFile(_ name: String, _ text: String) throws -> String { try writeFile(name, Array(text.utf8)) }

@Suite struct CSVReaderTests {
    @Test func readsQuotesDoubledQuotesAndEmbeddedNewlines() throws {
        let path = try writeFile(
            "quotes.csv",
            "a,b,c\n1,\"Smith, Jr.\",x\n2,\"say \"\"hi\"\"\",y\n3,\"two\nlines\",z\n4,,\"\"\n")
        let result = try readAll(path)
        #expect(result.header == ["a", "b", "c"])
        #expect(result.rows.map(\.fields) == [["1", "Smith, Jr.", "x"], ["2", "say \"hi\"", "y"], ["3", "two\nlines", "z"], ["4", "", ""]])
        #expect(result.rows.map(\.line) == [2, 3, 4, 6])
    }

    @Test func blockBoundariesNeverSplitARecord() throws {
        // Many quoted newlines and commas, read with tiny blocks so boundaries fall everywhere.
        var text = "id,name,note\n"
        var expected: [[String]] = []
        for i in 0..<500 {
            let name = i % 3 == 0 ? "O'Brien, \"Doc\"\nline \(i)" : "plain \(i)"
            let note = i % 7 == 0 ? "\n\n" : "n\(i)"
            expected.append([String(i), name, note])
            text += "\(i),\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",\"\(note)\"\n"
        }
        let path = try writeFile("boundaries.csv", text)
        for blockSize in [16, 64, 333, 4096] {
            let result = try readAll(path, blockSize: blockSize)
            #expect(result.rows.map(\.fields) == expected, "block size \(blockSize)")
        }
    }

    @Test func handlesCRLFBOMAndTrailingEmptyLines() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Name,Value\r\n\"x\",1\r\ny,\"2\"\r\n\r\n\r\n".utf8)
        let result = try readAll(try writeFile("crlf.csv", bytes))
        #expect(result.header == ["Name", "Value"])
        #expect(result.rows.map(\.fields) == [["x", "1"], ["y", "2"]])
    }

    @Test func lastRecordWithoutNewlineIsRead() throws {
        let result = try readAll(try writeFile("nolf.csv", "a,b\n1,2\n3,4"))
        #expect(result.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
    }

    @Test func invalidUTF8IsDecodedAsWindows1252AndCounted() throws {
        // "Mayagüez" with ü as the single Windows-1252 byte 0xFC, as in the real 2020 file.
        let bytes = Array("npi,city\n1811527914,Mayag".utf8) + [0xFC] + Array("ez\n2,Cañon\n".utf8)
        let result = try readAll(try writeFile("cp1252.csv", bytes))
        #expect(result.rows.map(\.fields) == [["1811527914", "Mayagüez"], ["2", "Cañon"]])
        #expect(result.repairs == 1)
    }

    @Test func raggedRowsKeepTheirFieldCount() throws {
        let result = try readAll(try writeFile("ragged.csv", "a,b,c\n1,2\n1,2,3,4\n"))
        #expect(result.rows.map { $0.fields.count } == [2, 4])
    }

    @Test func refusesFilesThatAreNotCSV() throws {
        let empty = try writeFile("empty.csv", "")
        #expect(throws: CSVError.empty(file: empty)) { try CSVReader(path: empty) }
        let binary = try writeFile("binary.csv", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01])
        #expect(throws: CSVError.binary(file: binary, offset: 4)) { try CSVReader(path: binary) }
        let utf16 = try writeFile("utf16.csv", [0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00])
        #expect(throws: CSVError.utf16(file: utf16)) { try CSVReader(path: utf16) }
        #expect(throws: CSVError.self) { try CSVReader(path: "/nonexistent/file.csv") }
    }

    @Test func headerOnlyFileHasNoRows() throws {
        let result = try readAll(try writeFile("header.csv", "a,b\n"))
        #expect(result.header == ["a", "b"])
        #expect(result.rows.isEmpty)
    }

    @Test func unterminatedQuoteNamesItsLine() throws {
        let path = try writeFile("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")
        #expect(throws: CSVError.unterminatedQuote(file: path, line: 3)) { try readAll(path) }
        #expect(throws: CSVError.unterminatedQuote(file: path, line: 3)) { try readAll(path, blockSize: 8) }
        #expect(
            CSVError.unterminatedQuote(file: "x.csv", line: 3).description
                == "x.csv line 3: unterminated quoted field starting at line 3")
    }

    @Test func oversizedRecordIsSkippedAndTheNextRowStillLoads() throws {
        let huge = String(repeating: "x", count: 300_000)
        let path = try writeFile("huge.csv", "a,b\n1,ok\n2,\"\(huge)\"\n3,after\n")
        let result = try readAll(path, blockSize: 4096, maxRecordBytes: 64 << 10)
        #expect(result.rows.map(\.fields) == [["1", "ok"], ["3", "after"]])
        #expect(result.oversized == [3])
    }

    @Test func compressedFilesReadTheSameAsPlain() throws {
        var text = "a,b\n"
        for i in 0..<20_000 { text += "\(i),\"v, \(i)\"\n" }
        let plain = Array(text.utf8)
        let zstdSink = MemorySink()
        let zstd = try ZstdCompressor(into: zstdSink)
        try plain.withUnsafeBytes { try zstd.write($0) }
        try zstd.finish()
        // Named .csv on purpose: compression is recognised from the bytes, not the name.
        let plainResult = try readAll(try writeFile("p.csv", plain), blockSize: 10_000)
        let zstdResult = try readAll(try writeFile("z.csv", zstdSink.bytes), blockSize: 10_000)
        let gzipResult = try readAll(try writeFile("g.csv.gz", try Gzip.compress(plain)), blockSize: 10_000)
        #expect(plainResult.rows.count == 20_000)
        #expect(zstdResult.rows.map(\.fields) == plainResult.rows.map(\.fields))
        #expect(gzipResult.rows.map(\.fields) == plainResult.rows.map(\.fields))
        #expect(zstdResult.rows.map(\.line) == plainResult.rows.map(\.line))
        let truncated = try writeFile("t.csv.zst", Array(zstdSink.bytes.dropLast(100)))
        #expect(throws: CSVError.self) { try readAll(truncated) }
    }

    @Test func readsTheGeneratorsOutput() throws {
        let dir = temporaryDirectory("gen-read")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try generate(rows: 3_000, faults: 20, compression: .zstd, into: dir)[0]
        let result = try readAll(report.path, blockSize: 50_000)
        #expect(result.header == SampleGenerator.header)
        #expect(result.rows.count == 3_020)
        #expect(result.rows.last!.line == 3_021)
        #expect(result.rows.filter { $0.fields.count != 22 }.count == 2)  // the ragged faults
    }
}
