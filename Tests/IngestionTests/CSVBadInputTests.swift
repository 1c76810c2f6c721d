import Foundation
import Testing

@testable import Ingestion

/// Records flaws, blank lines and line spans as well as fields.
struct FlawSink: CSVRecordSink {
    var rows: [(line: Int, lines: Int, fields: [String])] = []
    var current: [String] = []
    var flaws: [(CSVFieldFlaw, Int)] = []
    var blanks = 0
    mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        let raw = escaped ? CSVFieldText.unescape(bytes) : Array(bytes)
        current.append(String(decoding: raw, as: UTF8.self))
    }
    mutating func endRecord(line: Int, fieldCount: Int) {}
    mutating func endRecord(line: Int, lines: Int, fieldCount: Int) {
        rows.append((line, lines, current))
        current = []
    }
    mutating func flaw(_ flaw: CSVFieldFlaw, field index: Int) { flaws.append((flaw, index)) }
    mutating func blankLine() { blanks += 1 }
}

func parseAll(_ path: String, blockSize: Int = 8 << 20) throws -> (reader: CSVReader, sink: FlawSink) {
    let reader = try CSVReader(path: path, blockSize: blockSize)
    var all = FlawSink()
    try reader.forEachBlock(parse: { block -> FlawSink in
        var sink = FlawSink()
        CSVBlockParser.parse(block, into: &sink)
        return sink
    }, consume: { sink in
        all.rows += sink.rows
        all.flaws += sink.flaws
        all.blanks += sink.blanks
    })
    return (reader, all)
}

@Suite struct CSVBadInputTests {
    @Test func nulByteIsAFieldFlawNotABinaryFile() throws {
        let path = try writeFile("nul.csv", Array("a,b\n1,NUL".utf8) + [0] + Array("BYTE\n2,x\n".utf8))
        let (_, sink) = try parseAll(path)
        #expect(sink.rows.map(\.fields.count) == [2, 2])
        #expect(sink.flaws.map(\.1) == [1])
        // Real binary files are still refused: a signature, or NULs making up 1% of the head.
        let zip = try writeFile("zip.csv", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01])
        #expect(throws: CSVError.binary(file: zip, offset: 4)) { try CSVReader(path: zip) }
        let utf16ish = try writeFile("u16.csv", Array("a\0,\0b\0\n\0".utf8))
        #expect(throws: CSVError.self) { try CSVReader(path: utf16ish) }
    }

    @Test func crLfAndCrlfEndLinesAlikeAndQuotedBreaksStay() throws {
        let text = "a,b\r1,x\r\n2,\"two\rlines\"\n3,y\r4,z"
        for blockSize in [4, 16, 4096] {
            let (reader, sink) = try parseAll(try writeFile("cr.csv", text), blockSize: blockSize)
            #expect(reader.header == ["a", "b"])
            #expect(sink.rows.map(\.fields) == [["1", "x"], ["2", "two\rlines"], ["3", "y"], ["4", "z"]], "block size \(blockSize)")
            #expect(sink.rows.map(\.line) == [2, 3, 5, 6])
            #expect(reader.physicalLines == 6)
        }
    }

    @Test func leadingBlankLinesAreSkippedAndCounted() throws {
        let (reader, sink) = try parseAll(try writeFile("blank.csv", "\n \r\na,b\n1,2\n\n3,4\n"))
        #expect(reader.header == ["a", "b"])
        #expect(reader.leadingBlankLines == 2)
        #expect(sink.rows.map(\.line) == [4, 6])
        #expect(sink.blanks == 1)
        #expect(reader.physicalLines == 2 + 1 + 1 + 2)
    }

    @Test func runawayQuoteReportsTheLinesItSpans() throws {
        let (_, sink) = try parseAll(try writeFile("runaway.csv", "a,b,c\n1,\"x,y\n2,z,w\n3,u\",v\n4,p,q\n"))
        #expect(sink.rows.map(\.lines) == [3, 1])
        #expect(sink.rows.map(\.fields.count) == [3, 3])
    }

    @Test func strayQuotesAndTextAfterAClosingQuoteAreFlagged() throws {
        let (_, sink) = try parseAll(try writeFile("quotes.csv", "a,b\nO\"BRIEN,1\n\"O\\\"BRIEN\",2\n\"ok \"\"q\"\"\",3\n"))
        #expect(sink.rows.map(\.fields) == [["O\"BRIEN", "1"], ["O\\BRIEN\"", "2"], ["ok \"q\"", "3"]])
        #expect(sink.flaws.map { "\($0.0)@\($0.1)" } == ["strayQuote@0", "textAfterQuote@0"])
    }

    @Test func numbersThatDoNotFitExactlyAreRejected() {
        func double(_ text: String) -> Double? { Array(text.utf8).withUnsafeBufferPointer { FieldParsing.double($0) } }
        #expect(double("123456789012345678901234567890") == nil)
        #expect(double("1234567890.123456") == nil)
        #expect(double("27.80000000000000000000") == 27.8)
        #expect(double("123456789012345") == 123456789012345)
        #expect(double("1.5e3") == 1500)
    }

    @Test func utf8ProblemsFindTheFirstInvalidByteAndMixedText() {
        let bytes: [UInt8] = Array("JOSÉ ".utf8) + [0x4A, 0x4F, 0x53, 0xC9]
        let scan = bytes.withUnsafeBufferPointer { CSVFieldText.utf8Problems($0) }
        #expect(scan.firstInvalid == 9)
        #expect(scan.hasMultibyte)
        let plain: [UInt8] = [0x4D, 0xFC]
        #expect(plain.withUnsafeBufferPointer { CSVFieldText.utf8Problems($0) }.hasMultibyte == false)
    }
}
