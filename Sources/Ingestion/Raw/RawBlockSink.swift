import Lake

/// Turns the records of one CSV block into typed raw-zone columns.
///
/// A field that does not parse as its column's type, a ragged row's missing or extra fields,
/// and a field longer than the limit all become nulls whose original text goes into the row's
/// `_rescued` JSON object; nothing is dropped.
struct RawBlockSink: CSVRecordSink {
    /// Per header position: the builder it fills (declared columns first, then extras).
    let builderOf: [Int]
    let columns: [RawColumn]
    /// Header names of extra columns, kept as strings after the declared ones.
    let extraNames: [String]
    let headerCount: Int
    let maxFieldBytes: Int

    private(set) var builders: [ColumnBuilder]
    private(set) var rescued = ColumnBuilder(kind: .string)
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
        builders = columns.map { ColumnBuilder(kind: $0.kind) } + extraNames.map { _ in ColumnBuilder(kind: .string) }
        for index in builders.indices { builders[index].reserve(expectedRows) }
        lines.reserveCapacity(expectedRows)
    }

    mutating func field(_ index: Int, _ raw: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        if escaped {
            let bytes = CSVFieldText.unescape(raw)
            bytes.withUnsafeBufferPointer { store(index, $0) }
        } else {
            store(index, raw)
        }
    }

    private mutating func store(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard index < headerCount else {
            extraFields.append(text(bytes))
            return
        }
        let builderIndex = builderOf[index]
        if bytes.count > maxFieldBytes {
            builders[builderIndex].appendNull()
            let head = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<1024]), as: UTF8.self)
            rescue.add(key: name(builderIndex), value: head + "… [\(bytes.count) bytes, over the \(maxFieldBytes)-byte field limit]")
            return
        }
        if bytes.isEmpty {
            builders[builderIndex].appendNull()
            return
        }
        switch builders[builderIndex].kind {
        case .int32:
            if let value = FieldParsing.int64(bytes), let narrow = Int32(exactly: value) {
                builders[builderIndex].append(int32: narrow)
            } else {
                builders[builderIndex].appendNull()
                rescue.add(key: name(builderIndex), value: text(bytes))
            }
        case .int64:
            if let value = FieldParsing.int64(bytes) {
                builders[builderIndex].append(int64: value)
            } else {
                builders[builderIndex].appendNull()
                rescue.add(key: name(builderIndex), value: text(bytes))
            }
        case .double:
            if let value = FieldParsing.double(bytes) {
                builders[builderIndex].append(double: value)
            } else {
                builders[builderIndex].appendNull()
                rescue.add(key: name(builderIndex), value: text(bytes))
            }
        case .string:
            if Self.isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil {
                builders[builderIndex].append(utf8: bytes)
            } else {
                builders[builderIndex].append(string: CSVFieldText.windows1252(bytes))
                repairedInRecord = true
            }
        }
    }

    /// Records a row for a record too long to load: every column null, its head in `_rescued`.
    mutating func oversizedRecord(line: Int, head: [UInt8]) {
        oversized = true
        for index in builders.indices { builders[index].appendNull() }
        let text = head.prefix(1024).withUnsafeBufferPointer { CSVFieldText.decode($0).text }
        rescue.add(key: "_record", value: text + "… [record longer than the reader's limit]")
        let json = rescue.take()
        json.withUnsafeBufferPointer { rescued.append(utf8: $0) }
        rescuedRows += 1
        lines.append(Int64(line))
        rows += 1
    }

    mutating func endRecord(line: Int, fieldCount: Int) {
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
        lines.append(Int64(line))
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

/// Accumulates one column's values for a block: dense values plus validity, Arrow-style strings.
struct ColumnBuilder: Sendable {
    let kind: RawColumn.Kind
    private(set) var int32s: [Int32] = []
    private(set) var int64s: [Int64] = []
    private(set) var doubles: [Double] = []
    private(set) var strings = StringArray()
    private(set) var validity: [Bool] = []
    private(set) var nulls = 0

    init(kind: RawColumn.Kind) { self.kind = kind }

    mutating func reserve(_ rows: Int) {
        validity.reserveCapacity(rows)
        switch kind {
        case .int32: int32s.reserveCapacity(rows)
        case .int64: int64s.reserveCapacity(rows)
        case .double: doubles.reserveCapacity(rows)
        case .string: strings.reserve(count: rows, bytes: rows * 12)
        }
    }

    mutating func appendNull() {
        nulls += 1
        validity.append(false)
        switch kind {
        case .int32: int32s.append(0)
        case .int64: int64s.append(0)
        case .double: doubles.append(0)
        case .string: strings.appendEmpty()
        }
    }

    mutating func append(int32 value: Int32) {
        int32s.append(value)
        validity.append(true)
    }

    mutating func append(int64 value: Int64) {
        int64s.append(value)
        validity.append(true)
    }

    mutating func append(double value: Double) {
        doubles.append(value)
        validity.append(true)
    }

    mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        strings.append(UnsafeRawBufferPointer(bytes))
        validity.append(true)
    }

    mutating func append(string value: String) {
        strings.append(value)
        validity.append(true)
    }

    /// The finished column; validity is dropped when nothing is null.
    func vector() -> ColumnVector {
        let mask = nulls == 0 ? nil : validity
        switch kind {
        case .int32: return ColumnVector(.int32(int32s), validity: mask)
        case .int64: return ColumnVector(.int64(int64s), validity: mask)
        case .double: return ColumnVector(.double(doubles), validity: mask)
        case .string: return ColumnVector(.string(strings), validity: mask)
        }
    }
}
