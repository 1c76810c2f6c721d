import Foundation
import Lake
import RxCore

/// Streams one CSV file into a raw table's writer: blocks parsed on both cores into typed
/// columns (`RawBlockSink`), gathered into batches of about one row group, each batch laid out
/// as declared columns, extra columns, `_rescued`, `_source`, `_line`, then `trailing` (the
/// constant columns a layout appends, like the wide layout's `year`).
struct RawCSVFileLoader {
    let columns: [RawColumn]
    let maxFieldBytes: Int
    let blockSize: Int
    let batchRows: Int

    /// A file's header matched against the declared columns.
    struct Header {
        /// Per header position: the declared column it holds, or nil for an extra column.
        let targets: [Int?]
        /// Extra column names, in header order.
        let extras: [String]
    }

    /// What streaming one file did.
    struct Outcome {
        let compression: String
        let rows: Int
        let rescuedRows: Int
        let repairedLines: [Int]
        /// Where every physical line went, and what the bytes held.
        let account: SourceFileAccount
    }

    /// Streams `file` into `writer`; `allExtras` is every extra column of the table (a file
    /// lacking one writes nulls), `trailing` the constant columns for a batch of n rows.
    func load(
        _ file: String, header: Header, allExtras: [String], into writer: TableWriter,
        trailing: (Int) -> [ColumnVector] = { _ in [] }, progress: (@Sendable (Int) -> Void)?
    ) throws -> Outcome {
        let reader = try CSVReader(path: file, blockSize: blockSize)
        let columns = self.columns
        let maxFieldBytes = self.maxFieldBytes
        let expected = blockSize / 120
        let source = (file as NSString).lastPathComponent
        var pending: [RawBlockSink] = []
        var pendingRows = 0
        var rows = 0, rescuedRows = 0
        var repaired: [Int] = []
        var tally = RawBlockSink.Tally()

        // Batches are assembled and written on a background thread while the next blocks
        // are parsed; `finish` below (and the defer, on failure) waits for the last one.
        let background = BackgroundWriter()
        defer { try? background.finish() }
        let extras = header.extras
        func flush() throws {
            guard pendingRows > 0 else { return }
            let job = Handed(value: (sinks: pending, trailing: trailing(pendingRows), writer: writer))
            pending.removeAll()
            pendingRows = 0
            try background.submit {
                var batch = Self.batch(job.value.sinks, columns: columns, extras: extras, allExtras: allExtras, source: source)
                batch += job.value.trailing
                try job.value.writer.write(batch)
            }
        }

        try reader.forEachBlock(
            parse: { block -> RawBlockSink in
                var sink = RawBlockSink(
                    targets: header.targets, columns: columns, extraNames: header.extras, maxFieldBytes: maxFieldBytes,
                    expectedRows: block.oversized ? 1 : expected)
                if block.oversized {
                    sink.oversizedRecord(line: block.firstLine, head: block.bytes, lines: block.lines)
                } else {
                    CSVBlockParser.parse(block, into: &sink)
                }
                return sink
            },
            consume: { sink in
                rows += sink.rows
                rescuedRows += sink.rescuedRows
                repaired += sink.repairedLines
                tally.add(sink.tally)
                pendingRows += sink.rows
                pending.append(sink)
                progress?(sink.rows)
                if pendingRows >= batchRows { try flush() }
            })
        try flush()
        try background.finish()
        if rows == 0 { throw CSVError.headerOnly(file: file) }
        let encoding: SourceFileAccount.Encoding =
            tally.invalidUTF8Fields == 0 ? .utf8 : tally.utf8Fields == 0 && tally.mixedFields == 0 ? .windows1252 : .mixed
        let account = SourceFileAccount(
            source: source, physicalLines: reader.physicalLines, leadingBlankLines: reader.leadingBlankLines,
            headerLines: reader.headerLines, blankLines: tally.blankLines, records: rows, recordLines: tally.recordLines,
            encoding: encoding, utf8Fields: tally.utf8Fields, invalidUTF8Fields: tally.invalidUTF8Fields, nulFields: tally.nulFields,
            quoteErrorFields: tally.quoteErrorFields, strayQuoteFields: tally.strayQuoteFields)
        guard account.balances else {
            throw IngestError.lineCount(
                file: file, physical: account.physicalLines,
                accounted: account.leadingBlankLines + account.headerLines + account.blankLines + account.recordLines)
        }
        return Outcome(compression: reader.compression.rawValue, rows: rows, rescuedRows: rescuedRows, repairedLines: repaired, account: account)
    }

    /// Joins block columns into one batch in the table's column order.
    static func batch(
        _ sinks: [RawBlockSink], columns: [RawColumn], extras: [String], allExtras: [String], source: String
    ) -> [ColumnVector] {
        let rows = sinks.reduce(0) { $0 + $1.rows }
        var vectors: [ColumnVector] = []
        for index in columns.indices {
            vectors.append(ColumnVector.concatenate(sinks.map { $0.builders[index].vector() }))
        }
        for name in allExtras {
            if let local = extras.firstIndex(of: name) {
                vectors.append(ColumnVector.concatenate(sinks.map { $0.builders[columns.count + local].vector() }))
            } else {
                vectors.append(ColumnVector(.string(StringArray(Array(repeating: "", count: rows))), validity: Array(repeating: false, count: rows)))
            }
        }
        vectors.append(ColumnVector.concatenate(sinks.map { $0.rescued.vector() }))
        vectors.append(ColumnVector(.dictionary(DictionaryArray(dictionary: StringArray([source]), indices: Array(repeating: 0, count: rows)))))
        vectors.append(ColumnVector(.int64(sinks.flatMap(\.lines))))
        return vectors
    }

    /// The schema fields after the declared columns: extras (strings), `_rescued`, `_source`, `_line`.
    static func bookkeepingFields(extras: [String]) -> [Field] {
        extras.map { Field($0, .string) }
            + [Field("_rescued", .string), Field("_source", .string, nullable: false), Field("_line", .int64, nullable: false)]
    }

    /// Matches header names to declared columns (case-insensitive, any order).
    static func mapHeader(_ header: [String], columns: [RawColumn], file: String) throws -> Header {
        if header.count == 1 && columns.count > 1 && header[0].contains(where: { $0 == ";" || $0 == "\t" || $0 == "|" }) {
            throw CSVError.notDelimited(file: file, header: header[0])
        }
        var targets: [Int?] = []
        var seen = Set<String>()
        var extras: [String] = []
        for name in header {
            let key = name.lowercased()
            guard seen.insert(key).inserted else { throw CSVError.duplicateColumn(file: file, column: name) }
            if let index = columns.firstIndex(where: { $0.name.lowercased() == key }) {
                targets.append(index)
            } else {
                targets.append(nil)
                extras.append(name.isEmpty ? "column_\(targets.count)" : name)
            }
        }
        let missing = columns.enumerated().filter { index, column in column.required && !targets.contains(index) }.map(\.element.name)
        if !missing.isEmpty {
            if header.count == 1 { throw CSVError.notDelimited(file: file, header: header[0]) }
            throw CSVError.missingColumns(file: file, columns: missing)
        }
        return Header(targets: targets, extras: extras)
    }
}
