import Lake

/// Turns the records of one CSV block into typed raw-zone columns.
///
/// A field that does not parse as its column's type (a number that does not fit its type
/// exactly included), a ragged row's missing or extra fields, a field with a NUL byte, a
/// quoted field with text after its closing quote, and a field longer than the limit all
/// become nulls whose original text goes into the row's `_rescued` JSON object; nothing is
/// dropped. Notes in `_rescued` (keys starting with `_`) say what else was seen: `_lines`
/// (a ragged record spanning several lines), `_nul`, `_quotes` (text after a closing quote),
/// `_stray_quotes` (a quote inside an unquoted field, kept as a literal), `_invalid_utf8`
/// (column → byte offset in the file of the first invalid byte; the field is decoded as
/// Windows-1252). Cleanse decides what each means for the row.
struct RawBlockSink: CSVRecordSink {
    /// Per header position: the builder it fills (declared columns first, then extras).
    let builderOf: [Int]
    let columns: [RawColumn]
    /// Header names of extra columns, kept as strings after the declared ones.
    let extraNames: [String]
    let headerCount: Int
    let maxFieldBytes: Int

    let builders: [ColumnBuilder]
    private let handles: [Unmanaged<ColumnBuilder>]
    let rescued: ColumnBuilder
    private(set) var lines: [Int64] = []
    private(set) var rows = 0
    private(set) var rescuedRows = 0
    /// Lines where invalid UTF-8 was read as Windows-1252.
    private(set) var repairedLines: [Int] = []
    /// Declared columns the file lacks (optional ones): null in every row.
    let absent: [Int]
    /// True when this block is one record too long to load.
    private(set) var oversized = false
    private var rescue = RescueJSON()
    private var repairedInRecord = false
    private var extraFields: [String] = []

    /// Counts for the file's line and encoding report.
    struct Tally: Sendable {
        /// Physical lines of this block's records, and blank lines skipped between them.
        var recordLines = 0, blankLines = 0
        var nulFields = 0, quoteErrorFields = 0, strayQuoteFields = 0
        /// Fields with non-ASCII text: valid UTF-8; not UTF-8; not UTF-8 yet holding UTF-8 sequences.
        var utf8Fields = 0, invalidUTF8Fields = 0, mixedFields = 0

        mutating func add(_ other: Tally) {
            recordLines += other.recordLines; blankLines += other.blankLines
            nulFields += other.nulFields; quoteErrorFields += other.quoteErrorFields; strayQuoteFields += other.strayQuoteFields
            utf8Fields += other.utf8Fields; invalidUTF8Fields += other.invalidUTF8Fields; mixedFields += other.mixedFields
        }
    }
    private(set) var tally = Tally()
    /// Flaws the parser reported for the next field (bits: 1 NUL, 2 stray quote, 4 text after quote).
    private var pendingFlaws: UInt8 = 0
    /// Byte offset in the file of the field being stored (-1: not known).
    private var fieldOffset = -1
    /// The current block's base address (as a number: the sink is handed between threads).
    private var blockBase = 0
    private var blockOffset = 0
    private var nulColumns: [String] = []
    private var quoteColumns: [String] = []
    private var strayColumns: [String] = []
    private var invalidUTF8: [(String, Int)] = []

    /// - Parameter targets: per header position, the declared column it holds, or nil for an
    ///   extra column; extras are kept as strings, named by `extraNames` in header order.
    init(targets: [Int?], columns: [RawColumn], extraNames: [String], maxFieldBytes: Int, expectedRows: Int) {
        var extra = 0
        builderOf = targets.map { target in
            if let target { return target }
            defer { extra += 1 }
            return columns.count + extra
        }
        self.columns = columns
        self.extraNames = extraNames
        absent = columns.indices.filter { !targets.contains($0) }
        self.headerCount = targets.count
        self.maxFieldBytes = maxFieldBytes
        builders = columns.map { ColumnBuilder(kind: $0.kind, capacity: expectedRows, dictionaryEncoded: true) }
            + extraNames.map { _ in ColumnBuilder(kind: .string, capacity: expectedRows) }
        handles = builders.map { Unmanaged.passUnretained($0) }
        rescued = ColumnBuilder(kind: .string, capacity: 64)
        lines.reserveCapacity(expectedRows)
    }

    mutating func startBlock(base: UnsafePointer<UInt8>, offset: Int) {
        blockBase = Int(bitPattern: base)
        blockOffset = offset
    }

    mutating func flaw(_ flaw: CSVFieldFlaw, field index: Int) {
        switch flaw {
        case .nul: pendingFlaws |= 1
        case .strayQuote: pendingFlaws |= 2
        case .textAfterQuote: pendingFlaws |= 4
        }
    }

    mutating func blankLine() { tally.blankLines += 1 }

    mutating func field(_ index: Int, _ raw: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        if pendingFlaws != 0 || !Self.isASCII(raw) { locate(raw) }
        if escaped {
            let bytes = CSVFieldText.unescape(raw)
            bytes.withUnsafeBufferPointer { store(index, $0) }
        } else {
            store(index, raw)
        }
    }

    /// Notes where a field starts in the file (only for the rare fields that need it).
    private mutating func locate(_ raw: UnsafeBufferPointer<UInt8>) {
        if blockBase != 0, let start = raw.baseAddress, Int(bitPattern: start) >= blockBase, Int(bitPattern: start) - blockBase < (1 << 40) {
            fieldOffset = blockOffset + (Int(bitPattern: start) - blockBase)
        } else {
            fieldOffset = -1
        }
    }

    private mutating func store(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard index < headerCount else {
            extraFields.append(text(bytes))
            pendingFlaws = 0
            return
        }
        if pendingFlaws != 0 {
            let flaws = pendingFlaws
            pendingFlaws = 0
            let builderIndex = builderOf[index]
            let column = name(builderIndex)
            if flaws & 2 != 0 {
                strayColumns.append(column)
                tally.strayQuoteFields += 1
            }
            if flaws & 5 != 0 {
                // A NUL byte, or quoting that leaves the field's end a guess: not a value.
                if flaws & 1 != 0 { nulColumns.append(column); tally.nulFields += 1 }
                if flaws & 4 != 0 { quoteColumns.append(column); tally.quoteErrorFields += 1 }
                builders[builderIndex].appendNull()
                rescue.add(key: column, value: text(bytes))
                return
            }
        }
        let builderIndex = builderOf[index]
        // `builders` keeps every builder alive; the unmanaged handle spares a retain and a
        // release per field (measured: 13% of ingest with plain references).
        handles[builderIndex]._withUnsafeGuaranteedRef { store(builderIndex, bytes, into: $0) }
    }

    @inline(__always)
    private mutating func store(_ builderIndex: Int, _ bytes: UnsafeBufferPointer<UInt8>, into builder: ColumnBuilder) {
        if bytes.count > maxFieldBytes {
            builder.appendNull()
            // The first KiB is kept to show what the field was; the limit may be below it.
            let head = String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(1024)), as: UTF8.self)
            rescue.add(key: name(builderIndex), value: head + "… [\(bytes.count) bytes, over the \(maxFieldBytes)-byte field limit]")
            return
        }
        if bytes.isEmpty {
            builder.appendNull()
            return
        }
        switch builder.kind {
        case .int32:
            if let value = FieldParsing.int64(bytes), let narrow = Int32(exactly: value) {
                builder.append(int32: narrow)
            } else {
                builder.appendNull()
                rescue.add(key: name(builderIndex), value: text(bytes))
            }
        case .int64:
            if let value = FieldParsing.int64(bytes) {
                builder.append(int64: value)
            } else {
                builder.appendNull()
                rescue.add(key: name(builderIndex), value: text(bytes))
            }
        case .double:
            if let value = FieldParsing.double(bytes) {
                builder.append(double: value)
            } else {
                builder.appendNull()
                rescue.add(key: name(builderIndex), value: text(bytes))
            }
        case .decimal:
            // Exact cents; a text that is not an amount with at most 2 decimals is rescued.
            if case .success(let cents) = Cents.parse(UnsafeRawBufferPointer(bytes)) {
                builder.append(int64: cents)
            } else {
                builder.appendNull()
                rescue.add(key: name(builderIndex), value: text(bytes))
            }
        case .string:
            if Self.isASCII(bytes) {
                builder.append(utf8: bytes)
            } else if String(validating: bytes, as: UTF8.self) != nil {
                builder.append(utf8: bytes)
                tally.utf8Fields += 1
            } else {
                // Kept as Windows-1252 and noted with the offset of the first invalid byte;
                // cleanse keeps the row only if the whole file reads as Windows-1252.
                builder.append(string: CSVFieldText.windows1252(bytes))
                repairedInRecord = true
                let scan = CSVFieldText.utf8Problems(bytes)
                tally.invalidUTF8Fields += 1
                if scan.hasMultibyte { tally.mixedFields += 1 }
                invalidUTF8.append((name(builderIndex), fieldOffset < 0 ? -1 : fieldOffset + scan.firstInvalid))
            }
        }
    }

    /// Records a row for a record too long to load: every column null, its head in `_rescued`.
    mutating func oversizedRecord(line: Int, head: [UInt8], lines: Int) {
        oversized = true
        for builder in builders { builder.appendNull() }
        let text = head.prefix(1024).withUnsafeBufferPointer { CSVFieldText.decode($0).text }
        rescue.add(key: "_record", value: text + "… [record longer than the reader's limit]")
        let json = rescue.take()
        json.withUnsafeBufferPointer { rescued.append(utf8: $0) }
        rescuedRows += 1
        self.lines.append(Int64(line))
        rows += 1
        tally.recordLines += max(1, lines)
    }

    mutating func endRecord(line: Int, fieldCount: Int) { endRecord(line: line, lines: 1, fieldCount: fieldCount) }

    mutating func endRecord(line: Int, lines: Int, fieldCount: Int) {
        tally.recordLines += lines
        for index in absent { builders[index].appendNull() }
        if fieldCount < headerCount {
            for index in fieldCount..<headerCount {
                builders[builderOf[index]].appendNull()
            }
            rescue.add(key: "_fields", number: fieldCount)
            rescue.add(key: "_expected_fields", number: headerCount)
        }
        if !extraFields.isEmpty {
            rescue.add(key: "_extra_fields", strings: extraFields)
            extraFields.removeAll(keepingCapacity: true)
        }
        // A ragged record over several lines: most likely a quote that opened a field and
        // closed lines later, swallowing the records between.
        if fieldCount != headerCount && lines > 1 { rescue.add(key: "_lines", number: lines) }
        if !nulColumns.isEmpty { rescue.add(key: "_nul", strings: nulColumns); nulColumns.removeAll(keepingCapacity: true) }
        if !quoteColumns.isEmpty { rescue.add(key: "_quotes", strings: quoteColumns); quoteColumns.removeAll(keepingCapacity: true) }
        if !strayColumns.isEmpty { rescue.add(key: "_stray_quotes", strings: strayColumns); strayColumns.removeAll(keepingCapacity: true) }
        if !invalidUTF8.isEmpty { rescue.add(key: "_invalid_utf8", numbers: invalidUTF8); invalidUTF8.removeAll(keepingCapacity: true) }
        if rescue.isEmpty {
            rescued.appendNull()
        } else {
            let json = rescue.take()
            json.withUnsafeBufferPointer { rescued.append(utf8: $0) }
            rescuedRows += 1
        }
        if repairedInRecord {
            repairedLines.append(line)
            repairedInRecord = false
        }
        self.lines.append(Int64(line))
        rows += 1
    }

    private func name(_ builderIndex: Int) -> String {
        builderIndex < columns.count ? columns[builderIndex].name : extraNames[builderIndex - columns.count]
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { CSVFieldText.decode(bytes).text }

    /// Eight bytes at a time: any byte ≥ 0x80 means the field needs real UTF-8 validation.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var high: UInt64 = 0
        while index + 8 <= bytes.count {
            high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            high |= UInt64(base[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
