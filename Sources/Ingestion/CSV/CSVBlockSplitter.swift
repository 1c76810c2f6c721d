import Foundation

/// A run of whole CSV records, cut at a record boundary so blocks can be parsed in parallel.
struct CSVBlock: Sendable {
    let bytes: [UInt8]
    /// File line of the block's first byte (1-based).
    let firstLine: Int
    /// True when the block is the head of one record too long to load (kept for `_rescued`).
    let oversized: Bool
    /// Byte offset of the block's first byte in the (decompressed) file.
    var firstOffset: Int = 0
    /// File lines the block covers (for an oversized record: the lines it spans).
    var lines: Int = 0
    /// The block holds a CR or a NUL byte: parse it with `CSVBlockParser`'s careful loop.
    var careful: Bool = false

    init(bytes: [UInt8], firstLine: Int, oversized: Bool, firstOffset: Int = 0, lines: Int = 0, careful: Bool? = nil) {
        self.bytes = bytes
        self.firstLine = firstLine
        self.oversized = oversized
        self.firstOffset = firstOffset
        self.lines = lines
        self.careful = careful ?? Self.needsCare(bytes[...])
    }

    /// True when `bytes` hold a CR or a NUL (two memchr passes: the fast loop knows only LF).
    static func needsCare(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, b.count > 0 else { return false }
            return memchr(base, 0x0D, b.count) != nil || memchr(base, 0x00, b.count) != nil
        }
    }
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
    private var nextOffset = 0
    private var exhausted = false
    /// The last byte handed on (to tell whether the file ends with a line break).
    private var lastByte: UInt8?

    /// Physical lines of everything handed on so far: line breaks (LF, CRLF or a lone CR), plus
    /// one for a last line without a line break. Complete once `next()` returned nil.
    var physicalLines: Int { nextLine - 1 + (lastByte == nil || lastByte == 0x0A || lastByte == 0x0D ? 0 : 1) }

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
        let lines = Self.countNewlines(buffer[..<cut])
        let block = CSVBlock(bytes: Array(buffer[..<cut]), firstLine: nextLine, oversized: false, firstOffset: nextOffset, lines: lines)
        nextLine += lines
        nextOffset += cut
        if cut > 0 { lastByte = buffer[cut - 1] }
        buffer.removeSubrange(..<cut)
        return block
    }

    /// Drops the rest of a too-long record, tracking quotes until it ends; returns its head.
    private func skipOversizedRecord() throws -> CSVBlock {
        let head = Array(buffer.prefix(64 << 10))
        let line = nextLine
        let offset = nextOffset
        var state = SkipState()
        while true {
            if let end = state.consume(buffer) {
                nextLine += state.newlines + Self.countNewlines(buffer[..<end])
                nextOffset += end
                lastByte = buffer[end - 1]
                buffer.removeSubrange(..<end)
                return CSVBlock(bytes: head, firstLine: line, oversized: true, firstOffset: offset, lines: nextLine - line, careful: false)
            }
            state.newlines += Self.countNewlines(buffer[...])
            nextOffset += buffer.count
            lastByte = buffer.last ?? lastByte
            buffer.removeAll(keepingCapacity: true)
            guard let more = try source.next() else {
                if state.inQuotes { throw CSVError.unterminatedQuote(file: source.file, line: line) }
                nextLine += state.newlines
                exhausted = true
                return CSVBlock(bytes: head, firstLine: line, oversized: true, firstOffset: offset, lines: max(1, nextLine - line), careful: false)
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
                    if previous == 0x2C || previous == 0x0A || previous == 0x0D {
                        opening = at
                        break
                    }
                    quote = at + 1  // a stray quote inside an unquoted field is a literal
                }
                let segmentEnd = opening ?? count
                // The last newline before the quote; records are short, so a backward scan stops soon.
                // A lone CR ends a record too; a CR as the buffer's last byte may be half of a CRLF.
                var back = segmentEnd - 1
                while back >= position {
                    let byte = base[back]
                    if byte == 0x0A { break }
                    if byte == 0x0D && (back + 1 < count || final) { break }
                    back -= 1
                }
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

    /// Line breaks in `slice`: LF, CRLF (one break) and a lone CR.
    static func countNewlines(_ slice: ArraySlice<UInt8>) -> Int {
        slice.withUnsafeBufferPointer { bytes in
            guard let start = bytes.baseAddress else { return 0 }
            let end = start + bytes.count
            var cursor = start
            var total = 0
            while cursor < end, let hit = memchr(cursor, 0x0A, end - cursor) {
                total += 1
                cursor = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            // Lone CRs (rare: old Mac files, or one stray CR): a CR not followed by LF.
            cursor = start
            while cursor < end, let hit = memchr(cursor, 0x0D, end - cursor) {
                let at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                if at + 1 == end || at[1] != 0x0A { total += 1 }
                cursor = at + 1
            }
            return total
        }
    }
}
