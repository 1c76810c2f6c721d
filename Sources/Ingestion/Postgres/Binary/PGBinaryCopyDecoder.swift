/// Receives what `PGBinaryCopyDecoder` finds in a binary COPY stream.
///
/// Field bytes (nil for SQL NULL) point into the decoder's input and are valid only during the
/// call. Throwing stops decoding with that error.
public protocol PGBinaryCopySink {
    mutating func beginTuple(fieldCount: Int) throws
    mutating func field(_ index: Int, _ bytes: UnsafeRawBufferPointer?) throws
    mutating func endTuple() throws
}

/// Splits PostgreSQL's binary COPY format (`COPY … TO STDOUT (FORMAT binary)`) into tuples and
/// fields: the 11-byte `PGCOPY\n\377\r\n\0` signature, flags, header extension, then tuples of
/// an int16 field count and int32-length-prefixed fields (-1 = NULL), ending with a -1 count.
///
/// A pure state machine over byte chunks of any size: libpq hands out one row per chunk, but
/// nothing here depends on that, so tests can feed fixtures split at every byte.
public struct PGBinaryCopyDecoder {
    public enum State: Equatable, Sendable {
        case signature
        case flags
        case extensionLength
        case extensionBody(remaining: Int)
        case tupleStart
        case fieldLength(index: Int, count: Int)
        case fieldBody(index: Int, count: Int, length: Int)
        case finished
    }

    public static let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]

    public private(set) var state: State = .signature
    /// Tuples completed so far.
    public private(set) var tuples = 0
    /// Every tuple must have this many fields (nil: any count).
    public let expectedFieldCount: Int?
    /// Named in errors, e.g. the table being read.
    public let context: String
    /// Bytes of an item split across chunks.
    private var carry: [UInt8] = []

    public init(expectedFieldCount: Int? = nil, context: String = "COPY") {
        self.expectedFieldCount = expectedFieldCount
        self.context = context
    }

    /// Decodes `chunk`, reporting what it completes to `sink`; a partial item waits for the
    /// next chunk.
    public mutating func feed<Sink: PGBinaryCopySink>(_ chunk: UnsafeRawBufferPointer, into sink: inout Sink) throws {
        if carry.isEmpty {
            let used = try run(chunk, into: &sink)
            if used < chunk.count { carry = Array(chunk[used...]) }
        } else {
            carry.append(contentsOf: chunk)
            let pending = carry
            let used = try pending.withUnsafeBytes { try run($0, into: &sink) }
            carry.removeFirst(used)
        }
    }

    /// Confirms the stream ended with the trailer.
    public func finish() throws {
        guard state == .finished else {
            throw PostgresError.unexpectedCopyData(context: context, reason: "the stream ended early (\(state.summary), after \(tuples) rows)")
        }
    }

    /// Consumes as much of `bytes` as forms whole items; returns how many bytes were used.
    private mutating func run<Sink: PGBinaryCopySink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink) throws -> Int {
        var offset = 0
        let count = bytes.count
        while true {
            let available = count - offset
            switch state {
            case .signature:
                guard available >= 11 else { return offset }
                guard Self.signature.elementsEqual(bytes[offset..<offset + 11]) else {
                    throw failure("the stream does not start with the PGCOPY signature (is it FORMAT binary?)")
                }
                offset += 11
                state = .flags
            case .flags:
                guard available >= 4 else { return offset }
                let flags = bytes.bigEndianUInt32(at: offset)
                // Bits 0-15 are critical: an unknown one means we cannot read the rest. Bit 16
                // (row OIDs) is gone since PostgreSQL 12; rxpipe never asks for it.
                if flags & 0x0001_FFFF != 0 {
                    throw failure("unsupported header flags 0x\(String(flags, radix: 16))")
                }
                offset += 4
                state = .extensionLength
            case .extensionLength:
                guard available >= 4 else { return offset }
                let length = Int(Int32(bitPattern: bytes.bigEndianUInt32(at: offset)))
                guard length >= 0 else { throw failure("negative header extension length \(length)") }
                offset += 4
                state = length == 0 ? .tupleStart : .extensionBody(remaining: length)
            case .extensionBody(let remaining):
                let skip = min(remaining, available)
                offset += skip
                if skip == remaining { state = .tupleStart } else {
                    state = .extensionBody(remaining: remaining - skip)
                    return offset
                }
            case .tupleStart:
                guard available >= 2 else { return offset }
                let fields = Int(Int16(bitPattern: bytes.bigEndianUInt16(at: offset)))
                offset += 2
                if fields == -1 {
                    state = .finished
                    continue
                }
                guard fields >= 0 else { throw failure("row \(tuples + 1) has a negative field count \(fields)") }
                if let expected = expectedFieldCount, fields != expected {
                    throw failure("row \(tuples + 1) has \(fields) fields, expected \(expected)")
                }
                try sink.beginTuple(fieldCount: fields)
                if fields == 0 {
                    try endTuple(&sink)
                } else {
                    state = .fieldLength(index: 0, count: fields)
                }
            case .fieldLength(let index, let fields):
                guard available >= 4 else { return offset }
                let length = Int(Int32(bitPattern: bytes.bigEndianUInt32(at: offset)))
                offset += 4
                if length == -1 {
                    try sink.field(index, nil)
                    try advance(after: index, of: fields, &sink)
                } else {
                    guard length >= 0 else { throw failure("row \(tuples + 1) field \(index + 1) has length \(length)") }
                    state = .fieldBody(index: index, count: fields, length: length)
                }
            case .fieldBody(let index, let fields, let length):
                guard available >= length else { return offset }
                try sink.field(index, UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]))
                offset += length
                try advance(after: index, of: fields, &sink)
            case .finished:
                guard available == 0 else { throw failure("\(available) bytes after the trailer") }
                return offset
            }
        }
    }

    private mutating func advance<Sink: PGBinaryCopySink>(after index: Int, of fields: Int, _ sink: inout Sink) throws {
        if index + 1 < fields {
            state = .fieldLength(index: index + 1, count: fields)
        } else {
            try endTuple(&sink)
        }
    }

    private mutating func endTuple<Sink: PGBinaryCopySink>(_ sink: inout Sink) throws {
        try sink.endTuple()
        tuples += 1
        state = .tupleStart
    }

    private func failure(_ reason: String) -> PostgresError {
        .unexpectedCopyData(context: context, reason: reason)
    }
}

extension PGBinaryCopyDecoder.State {
    var summary: String {
        switch self {
        case .signature: return "in the signature"
        case .flags: return "in the header flags"
        case .extensionLength, .extensionBody: return "in the header extension"
        case .tupleStart: return "before the trailer"
        case .fieldLength(let index, _), .fieldBody(let index, _, _): return "inside field \(index + 1) of a row"
        case .finished: return "after the trailer"
        }
    }
}

extension UnsafeRawBufferPointer {
    func bigEndianUInt16(at offset: Int) -> UInt16 {
        UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    func bigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    func bigEndianUInt64(at offset: Int) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
