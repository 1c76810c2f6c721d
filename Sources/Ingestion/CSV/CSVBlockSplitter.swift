import Foundation

/// A run of whole CSV records, cut at a record boundary so blocks can be parsed in parallel.
struct CSVBlock: Sendable {
    let bytes: [UInt8]
    /// File line of the block's first byte (1-based).
    let firstLine: Int
    /// True when the block is the head of one record too long to load (kept for `_rescued`).
    let oversized: Bool
}

/// Cuts a byte stream into blocks of whole records.
///
/// A quote opens a quoted field only at the start of a field, inside quotes `""` is an escaped
/// quote, and a newline inside quotes belongs to the field: the same rules as `CSVBlockParser`,
/// so a block boundary never falls inside a record, even with newlines in quoted fields.
/// Memory is bounded: a record longer than `maxRecordBytes` is skipped, and only its head
/// is handed on, marked oversized.
final class CSVBlockSplitter {
    private let source: CSVByteSource
    private let targetSize: Int
    private let maxRecordBytes: Int
    private var buffer: [UInt8] = []
    private var nextLine = 1
    private var exhausted = false

    init(source: CSVByteSource, targetSize: Int = 8 << 20, maxRecordBytes: Int = 16 << 20) {
        self.source = source
        self.targetSize = targetSize
        self.maxRecordBytes = max(maxRecordBytes, 1 << 10)
    }

    func next() throws -> CSVBlock? {
        while buffer.count < targetSize && !exhausted {
            if let more = try source.next() { buffer += more } else { exhausted = true }
        }
        if buffer.isEmpty { return nil }
        var scan = Self.scan(buffer, final: exhausted)
        while scan.boundary == nil {
            if exhausted {
                // The file ends inside a quoted field.
                let quoteLine = nextLine + Self.countNewlines(buffer[..<(scan.openQuote ?? 0)])
                throw CSVError.unterminatedQuote(file: source.file, line: quoteLine)
            }
            if buffer.count > maxRecordBytes { return try skipOversizedRecord() }
            if let more = try source.next() { buffer += more } else { exhausted = true }
            scan = Self.scan(buffer, final: exhausted)
        }
        let cut = scan.boundary!
        let block = CSVBlock(bytes: Array(buffer[..<cut]), firstLine: nextLine, oversized: false)
        nextLine += Self.countNewlines(buffer[..<cut])
        buffer.removeSubrange(..<cut)
        return block
    }

    /// Drops the rest of a too-long record, tracking quotes until it ends; returns its head.
    private func skipOversizedRecord() throws -> CSVBlock {
        let head = Array(buffer.prefix(64 << 10))
        let line = nextLine
        var state = SkipState()
        while true {
            if let end = state.consume(buffer) {
                nextLine += state.newlines + Self.countNewlines(buffer[..<end])
                buffer.removeSubrange(..<end)
                return CSVBlock(bytes: head, firstLine: line, oversized: true)
            }
            state.newlines += Self.countNewlines(buffer[...])
            buffer.removeAll(keepingCapacity: true)
            guard let more = try source.next() else {
                if state.inQuotes { throw CSVError.unterminatedQuote(file: source.file, line: line) }
                nextLine += state.newlines
                exhausted = true
                return CSVBlock(bytes: head, firstLine: line, oversized: true)
            }
            buffer = more
        }
    }

    /// Byte-by-byte record end detection for the rare oversized record.
    private struct SkipState {
        var inQuotes = false
        var atFieldStart = true
        var quotePending = false
        var started = false
        var newlines = 0

        /// Returns the index just past the record's newline, if it ends in `bytes`.
        mutating func consume(_ bytes: [UInt8]) -> Int? {
            for (index, byte) in bytes.enumerated() {
                if quotePending {
                    quotePending = false
                    if byte == 0x22 { continue }  // escaped quote
                    inQuotes = false
                }
                if inQuotes {
                    if byte == 0x22 { quotePending = true }
                    continue
                }
                switch byte {
                case 0x22 where atFieldStart: inQuotes = true; atFieldStart = false
                case 0x2C: atFieldStart = true
                case 0x0A: return index + 1
                default: atFieldStart = false
                }
            }
            return nil
        }
    }

    struct Scan {
        /// Index just past the last record-ending newline, or the end of a final buffer.
        var boundary: Int?
        /// Where the quoted field still open at the end began.
        var openQuote: Int?
    }

    /// Finds the last record boundary using memchr to jump between quotes and newlines.
    static func scan(_ buffer: [UInt8], final: Bool) -> Scan {
        buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!, count = bytes.count
            var position = 0
            var lastBoundary: Int?
            while position < count {
                // Outside quotes: the next quote that opens a field.
                var quote = position
                var opening: Int?
                while quote < count {
                    guard let hit = memchr(base + quote, 0x22, count - quote) else { break }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    let previous = at == 0 ? UInt8(0x0A) : base[at - 1]
                    if previous == 0x2C || previous == 0x0A {
                        opening = at
                        break
                    }
                    quote = at + 1  // a stray quote inside an unquoted field is a literal
                }
                let segmentEnd = opening ?? count
                // The last newline before the quote; records are short, so a backward scan stops soon.
                var back = segmentEnd - 1
                while back >= position && base[back] != 0x0A { back -= 1 }
                if back >= position { lastBoundary = back + 1 }
                guard let open = opening else {
                    position = count
                    break
                }
                // Inside quotes: find the closing quote ("" is an escaped quote).
                var inner = open + 1
                var closed = false
                while inner < count {
                    guard let hit = memchr(base + inner, 0x22, count - inner) else { break }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if at + 1 < count && base[at + 1] == 0x22 {
                        inner = at + 2
                        continue
                    }
                    if at + 1 == count && !final {
                        // Cannot tell a closing quote from half of "" yet.
                        return Scan(boundary: lastBoundary, openQuote: open)
                    }
                    inner = at + 1
                    closed = true
                    break
                }
                if !closed { return Scan(boundary: lastBoundary, openQuote: open) }
                position = inner
            }
            if final { return Scan(boundary: count, openQuote: nil) }
            return Scan(boundary: lastBoundary, openQuote: nil)
        }
    }

    static func countNewlines(_ slice: ArraySlice<UInt8>) -> Int {
        slice.withUnsafeBufferPointer { bytes in
            guard var cursor = bytes.baseAddress else { return 0 }
            let end = cursor + bytes.count
            var total = 0
            while cursor < end, let hit = memchr(cursor, 0x0A, end - cursor) {
                total += 1
                cursor = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return total
        }
    }
}
