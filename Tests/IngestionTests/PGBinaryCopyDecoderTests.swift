import Testing

@testable import Ingestion

/// What the decoder reported, as plain values.
enum CopyAction: Equatable {
    case begin(Int)
    case field(Int, [UInt8]?)
    case end
}

struct RecordingSink: PGBinaryCopySink {
    var actions: [CopyAction] = []
    mutating func beginTuple(fieldCount: Int) throws { actions.append(.begin(fieldCount)) }
    mutating func field(_ index: Int, _ bytes: UnsafeRawBufferPointer?) throws { actions.append(.field(index, bytes.map { Array($0) })) }
    mutating func endTuple() throws { actions.append(.end) }
}

/// Builds binary COPY byte fixtures.
enum CopyFixture {
    static func be16(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt16(truncatingIfNeeded: value).bigEndian, Array.init) }
    static func be32(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).bigEndian, Array.init) }
    static let header = PGBinaryCopyDecoder.signature + be32(0) + be32(0)
    static let trailer = be16(-1)
    static func tuple(_ fields: [[UInt8]?]) -> [UInt8] {
        fields.reduce(be16(fields.count)) { bytes, field in
            guard let field else { return bytes + be32(-1) }
            return bytes + be32(field.count) + field
        }
    }
}

func decode(_ chunks: [[UInt8]], expected: Int? = nil) throws -> [CopyAction] {
    var decoder = PGBinaryCopyDecoder(expectedFieldCount: expected, context: "fixture")
    var sink = RecordingSink()
    for chunk in chunks { try chunk.withUnsafeBytes { try decoder.feed($0, into: &sink) } }
    try decoder.finish()
    return sink.actions
}

@Suite struct PGBinaryCopyDecoderTests {
    let stream =
        CopyFixture.header + CopyFixture.tuple([CopyFixture.be32(42), Array("hé".utf8), nil])
        + CopyFixture.tuple([CopyFixture.be32(-1), [], nil]) + CopyFixture.trailer
    let expected: [CopyAction] = [
        .begin(3), .field(0, [0, 0, 0, 42]), .field(1, Array("hé".utf8)), .field(2, nil), .end,
        .begin(3), .field(0, [0xFF, 0xFF, 0xFF, 0xFF]), .field(1, []), .field(2, nil), .end,
    ]

    @Test func decodesTuplesFieldsAndNulls() throws {
        #expect(try decode([stream], expected: 3) == expected)
    }

    @Test func givesTheSameActionsWhateverTheChunking() throws {
        for cut in 1..<stream.count {
            #expect(try decode([Array(stream[..<cut]), Array(stream[cut...])]) == expected, "cut at \(cut)")
        }
        #expect(try decode(stream.map { [$0] }) == expected)
    }

    @Test func skipsTheHeaderExtension() throws {
        let bytes = PGBinaryCopyDecoder.signature + CopyFixture.be32(0) + CopyFixture.be32(3) + [1, 2, 3]
            + CopyFixture.tuple([[7]]) + CopyFixture.trailer
        #expect(try decode([bytes]) == [.begin(1), .field(0, [7]), .end])
    }

    @Test func stateAdvancesThroughTheFormat() throws {
        var decoder = PGBinaryCopyDecoder()
        var sink = RecordingSink()
        #expect(decoder.state == .signature)
        try CopyFixture.header.withUnsafeBytes { try decoder.feed($0, into: &sink) }
        #expect(decoder.state == .tupleStart)
        try (CopyFixture.be16(2) + CopyFixture.be32(4) + [0, 0]).withUnsafeBytes { try decoder.feed($0, into: &sink) }
        #expect(decoder.state == .fieldBody(index: 0, count: 2, length: 4))
        #expect(sink.actions == [.begin(2)])
        try ([0, 1] + CopyFixture.be32(-1)).withUnsafeBytes { try decoder.feed($0, into: &sink) }
        #expect(decoder.state == .tupleStart)
        #expect(decoder.tuples == 1)
        try CopyFixture.trailer.withUnsafeBytes { try decoder.feed($0, into: &sink) }
        #expect(decoder.state == .finished)
    }

    @Test func rejectsTextFormat() {
        #expect(throws: PostgresError.unexpectedCopyData(context: "fixture", reason: "the stream does not start with the PGCOPY signature (is it FORMAT binary?)")) {
            try decode([Array("1\tabc\n2\tdef\n".utf8)])
        }
    }

    @Test func rejectsUnknownCriticalFlags() {
        let bytes = PGBinaryCopyDecoder.signature + CopyFixture.be32(1 << 16) + CopyFixture.be32(0) + CopyFixture.trailer
        #expect(throws: PostgresError.unexpectedCopyData(context: "fixture", reason: "unsupported header flags 0x10000")) {
            try decode([bytes])
        }
    }

    @Test func rejectsAnUnexpectedFieldCount() {
        let bytes = CopyFixture.header + CopyFixture.tuple([[1], [2]]) + CopyFixture.trailer
        #expect(throws: PostgresError.unexpectedCopyData(context: "fixture", reason: "row 1 has 2 fields, expected 3")) {
            try decode([bytes], expected: 3)
        }
    }

    @Test func rejectsATruncatedStream() {
        let cut = Array(stream.dropLast(3))
        #expect(throws: PostgresError.unexpectedCopyData(context: "fixture", reason: "the stream ended early (inside field 3 of a row, after 1 rows)")) {
            try decode([cut])
        }
    }

    @Test func rejectsBytesAfterTheTrailer() {
        #expect(throws: PostgresError.unexpectedCopyData(context: "fixture", reason: "2 bytes after the trailer")) {
            try decode([stream + [0, 1]])
        }
    }

    @Test func rejectsANegativeFieldLength() {
        let bytes = CopyFixture.header + CopyFixture.be16(1) + CopyFixture.be32(-5) + CopyFixture.trailer
        #expect(throws: PostgresError.unexpectedCopyData(context: "fixture", reason: "row 1 field 1 has length -5")) {
            try decode([bytes])
        }
    }
}
