/// What is wrong with a field the parser still delivers (the sink decides the policy).
enum CSVFieldFlaw: Sendable {
    /// A NUL byte: text files have none.
    case nul
    /// A quote inside an unquoted field (`O"BRIEN`, `5" TUBE`): kept as a literal quote.
    case strayQuote
    /// Text between a closing quote and the delimiter (`"O\"BRIEN"`, `"ab"cd`): the field's
    /// end is a guess, delivered as the quoted text followed by the rest.
    case textAfterQuote
}

/// Receives the fields of a block's records as the parser finds them.
///
/// Field bytes point into the block and are valid only during the call. `escaped` says the
/// field was quoted and holds doubled quotes to undo (`CSVFieldText.unescape`). A flaw of a
/// field is reported just before the field itself.
protocol CSVRecordSink {
    mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool)
    /// A record ended; `line` is the file line it started on, `fieldCount` how many fields it had.
    mutating func endRecord(line: Int, fieldCount: Int)
    /// A record ended that spans `lines` physical lines (more than 1: newlines inside quotes).
    mutating func endRecord(line: Int, lines: Int, fieldCount: Int)
    mutating func flaw(_ flaw: CSVFieldFlaw, field index: Int)
    /// An empty line between records was skipped.
    mutating func blankLine()
    /// The block's bytes start at `base`, which is byte `offset` of the file.
    mutating func startBlock(base: UnsafePointer<UInt8>, offset: Int)
}

extension CSVRecordSink {
    mutating func endRecord(line: Int, lines: Int, fieldCount: Int) { endRecord(line: line, fieldCount: fieldCount) }
    mutating func flaw(_ flaw: CSVFieldFlaw, field index: Int) {}
    mutating func blankLine() {}
    mutating func startBlock(base: UnsafePointer<UInt8>, offset: Int) {}
}

/// Tokenises one block of whole records (RFC 4180 plus the real world): quoted fields,
/// doubled quotes, newlines inside quotes, LF, CRLF or a lone CR, a trailing record without a
/// newline. Empty lines are skipped (and counted). Generic over the sink so the compiler
/// specialises the hot loop.
///
/// Two loops: the fast one (LF only, eight bytes at a time) for blocks without CR or NUL
/// bytes — every CMS file — and a careful byte-by-byte one for blocks that have them.
enum CSVBlockParser {
    static func parse<Sink: CSVRecordSink>(_ block: CSVBlock, into sink: inout Sink) {
        block.bytes.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress { sink.startBlock(base: base, offset: block.firstOffset) }
            if block.careful {
                parseCarefully(bytes, firstLine: block.firstLine, into: &sink)
            } else {
                parse(bytes, firstLine: block.firstLine, into: &sink)
            }
        }
    }

    static func parse<Sink: CSVRecordSink>(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, into sink: inout Sink) {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return }
        var line = firstLine
        var position = 0
        while position < count {
            let recordLine = line
            // Skip blank lines (LF or CRLF) between records.
            if base[position] == 0x0A {
                line += 1
                position += 1
                sink.blankLine()
                continue
            }
            if base[position] == 0x0D && position + 1 < count && base[position + 1] == 0x0A {
                line += 1
                position += 2
                sink.blankLine()
                continue
            }
            var fieldIndex = 0
            var recordDone = false
            var terminated = false
            while !recordDone {
                if position < count && base[position] == 0x22 {
                    // Quoted field.
                    let start = position + 1
                    var cursor = start
                    var escaped = false
                    var end = count
                    while cursor < count {
                        let byte = base[cursor]
                        if byte == 0x22 {
                            if cursor + 1 < count && base[cursor + 1] == 0x22 {
                                escaped = true
                                cursor += 2
                                continue
                            }
                            end = cursor
                            cursor += 1
                            break
                        }
                        if byte == 0x0A { line += 1 }
                        cursor += 1
                    }
                    // Text between the closing quote and the delimiter is kept, and flagged.
                    var tailEnd = cursor
                    while tailEnd < count && base[tailEnd] != 0x2C && base[tailEnd] != 0x0A { tailEnd += 1 }
                    if tailEnd > cursor && !(tailEnd == cursor + 1 && base[cursor] == 0x0D) {
                        var joined = Array(UnsafeBufferPointer(start: base + start, count: max(0, end - start)))
                        var tail = cursor
                        while tail < tailEnd && !(tail == tailEnd - 1 && base[tail] == 0x0D && tailEnd < count && base[tailEnd] == 0x0A) {
                            joined.append(base[tail])
                            tail += 1
                        }
                        sink.flaw(.textAfterQuote, field: fieldIndex)
                        joined.withUnsafeBufferPointer { sink.field(fieldIndex, $0, escaped: escaped) }
                    } else {
                        sink.field(fieldIndex, UnsafeBufferPointer(start: base + start, count: max(0, end - start)), escaped: escaped)
                    }
                    position = tailEnd
                } else {
                    // Unquoted field: up to the next comma or newline, eight bytes at a time; a
                    // quote on the way is a stray quote (kept, flagged).
                    var cursor = position
                    let raw = UnsafeRawPointer(base)
                    while true {
                        while cursor + 8 <= count {
                            let word = raw.loadUnaligned(fromByteOffset: cursor, as: UInt64.self)
                            let hits = Self.zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | Self.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                                | Self.zeroBytes(word ^ 0x2222_2222_2222_2222)
                            if hits != 0 {
                                cursor += hits.trailingZeroBitCount >> 3
                                break
                            }
                            cursor += 8
                        }
                        if cursor + 8 > count {
                            while cursor < count {
                                let byte = base[cursor]
                                if byte == 0x2C || byte == 0x0A || byte == 0x22 { break }
                                cursor += 1
                            }
                        }
                        guard cursor < count && base[cursor] == 0x22 else { break }
                        sink.flaw(.strayQuote, field: fieldIndex)
                        cursor += 1
                    }
                    var end = cursor
                    if end > position && base[end - 1] == 0x0D && (cursor == count || base[cursor] == 0x0A) { end -= 1 }
                    sink.field(fieldIndex, UnsafeBufferPointer(start: base + position, count: end - position), escaped: false)
                    position = cursor
                }
                fieldIndex += 1
                if position >= count {
                    recordDone = true
                } else if base[position] == 0x2C {
                    position += 1
                    if position >= count {
                        // A trailing comma at the very end: one more empty field.
                        sink.field(fieldIndex, UnsafeBufferPointer(start: base + position, count: 0), escaped: false)
                        fieldIndex += 1
                        recordDone = true
                    }
                } else {
                    // Newline.
                    position += 1
                    line += 1
                    recordDone = true
                    terminated = true
                }
            }
            sink.endRecord(line: recordLine, lines: line - recordLine + (terminated ? 0 : 1), fieldCount: fieldIndex)
        }
    }

    /// The careful loop: LF, CRLF and a lone CR all end a line (a CR or LF inside quotes is
    /// kept in the field), and NUL bytes and stray quotes are reported as flaws.
    static func parseCarefully<Sink: CSVRecordSink>(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, into sink: inout Sink) {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return }
        @inline(__always) func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
        /// Steps over the line break at `at` (CRLF is one).
        @inline(__always) func skipBreak(_ at: Int) -> Int { base[at] == 0x0D && at + 1 < count && base[at + 1] == 0x0A ? at + 2 : at + 1 }
        var line = firstLine
        var position = 0
        while position < count {
            if isBreak(base[position]) {
                line += 1
                position = skipBreak(position)
                sink.blankLine()
                continue
            }
            let recordLine = line
            var fieldIndex = 0
            var recordDone = false
            var terminated = false
            while !recordDone {
                var nul = false
                if position < count && base[position] == 0x22 {
                    let start = position + 1
                    var cursor = start
                    var escaped = false
                    var end = count
                    while cursor < count {
                        let byte = base[cursor]
                        if byte == 0x22 {
                            if cursor + 1 < count && base[cursor + 1] == 0x22 {
                                escaped = true
                                cursor += 2
                                continue
                            }
                            end = cursor
                            cursor += 1
                            break
                        }
                        if byte == 0x0A || (byte == 0x0D && !(cursor + 1 < count && base[cursor + 1] == 0x0A)) { line += 1 }
                        if byte == 0 { nul = true }
                        cursor += 1
                    }
                    var tailEnd = cursor
                    while tailEnd < count && base[tailEnd] != 0x2C && !isBreak(base[tailEnd]) {
                        if base[tailEnd] == 0 { nul = true }
                        tailEnd += 1
                    }
                    if nul { sink.flaw(.nul, field: fieldIndex) }
                    if tailEnd > cursor {
                        var joined = Array(UnsafeBufferPointer(start: base + start, count: max(0, end - start)))
                        joined += UnsafeBufferPointer(start: base + cursor, count: tailEnd - cursor)
                        sink.flaw(.textAfterQuote, field: fieldIndex)
                        joined.withUnsafeBufferPointer { sink.field(fieldIndex, $0, escaped: escaped) }
                    } else {
                        sink.field(fieldIndex, UnsafeBufferPointer(start: base + start, count: max(0, end - start)), escaped: escaped)
                    }
                    position = tailEnd
                } else {
                    var cursor = position
                    var stray = false
                    while cursor < count {
                        let byte = base[cursor]
                        if byte == 0x2C || isBreak(byte) { break }
                        if byte == 0x22 { stray = true } else if byte == 0 { nul = true }
                        cursor += 1
                    }
                    if nul { sink.flaw(.nul, field: fieldIndex) }
                    if stray { sink.flaw(.strayQuote, field: fieldIndex) }
                    sink.field(fieldIndex, UnsafeBufferPointer(start: base + position, count: cursor - position), escaped: false)
                    position = cursor
                }
                fieldIndex += 1
                if position >= count {
                    recordDone = true
                } else if base[position] == 0x2C {
                    position += 1
                    if position >= count {
                        sink.field(fieldIndex, UnsafeBufferPointer(start: base + position, count: 0), escaped: false)
                        fieldIndex += 1
                        recordDone = true
                    }
                } else {
                    position = skipBreak(position)
                    line += 1
                    recordDone = true
                    terminated = true
                }
            }
            sink.endRecord(line: recordLine, lines: line - recordLine + (terminated ? 0 : 1), fieldCount: fieldIndex)
        }
    }
}

extension CSVBlockParser {
    /// The high bit set in each byte of `word` that is zero — exact for the lowest zero byte,
    /// which is all the scan uses (higher bits may be false positives after a zero byte).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}

/// Text helpers for field bytes.
enum CSVFieldText {
    /// Undoes doubled quotes inside a quoted field.
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            output.append(bytes[index])
            if bytes[index] == 0x22 && index + 1 < bytes.count && bytes[index + 1] == 0x22 { index += 2 } else { index += 1 }
        }
        return output
    }

    /// The field as a Swift string: UTF-8, or Windows-1252 when the bytes are not valid UTF-8
    /// (the real 2020 CMS file has one such city). `repaired` tells which happened.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, repaired: Bool) {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return (String(decoding: bytes, as: UTF8.self), false) }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, false) }
        return (windows1252(bytes), true)
    }

    /// Where `bytes` stop being UTF-8 (index of the first byte of the first invalid sequence),
    /// and whether they hold any valid multi-byte UTF-8 sequence (then text mixes encodings).
    static func utf8Problems(_ bytes: UnsafeBufferPointer<UInt8>) -> (firstInvalid: Int, hasMultibyte: Bool) {
        var index = 0
        var firstInvalid = -1
        var multibyte = false
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            var valid = length > 0 && index + length <= bytes.count
            if valid && length > 1 {
                let sequence = UnsafeBufferPointer(rebasing: bytes[index..<(index + length)])
                valid = String(validating: sequence, as: UTF8.self) != nil
            }
            if valid {
                if length > 1 { multibyte = true }
                index += length
            } else {
                if firstInvalid < 0 { firstInvalid = index }
                index += 1
            }
        }
        return (max(firstInvalid, 0), multibyte)
    }

    /// Decodes Windows-1252 (bytes 0x80–0x9F map to the code page's punctuation).
    static func windows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if (0x80...0x9F).contains(byte) {
                scalars.append(Unicode.Scalar(cp1252High[Int(byte) - 0x80]) ?? "\u{FFFD}")
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
        0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0xFFFD, 0x017E, 0x0178,
    ]
}
