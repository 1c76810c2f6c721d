import Foundation
import Lake
import RxCore

/// What ingesting one CSV file did.
public struct RawFileReport: Sendable, Equatable {
    public let file: String
    public let year: Int
    public let compression: String
    public let rows: Int
    /// Rows with at least one field kept in `_rescued`.
    public let rescuedRows: Int
    /// Header columns rxpipe does not declare, kept as strings.
    public let extraColumns: [String]
    /// Lines where invalid UTF-8 was decoded as Windows-1252.
    public let repairedLines: [Int]
}

/// Reads CMS wide files ("by Provider and Drug", one per data year) into
/// `raw/cms_prescriber_drug/year=YYYY/`, typed, with nothing dropped, and commits the table.
public struct RawCSVIngest: Sendable {
    public let lake: Lake
    public let files: [String]
    /// The year for files whose name carries none (`…_DYyy_…`).
    public let year: Int?
    public let maxFieldBytes: Int
    public let blockSize: Int
    /// Rows gathered before a batch goes to the writer (about one row group).
    public let batchRows: Int

    public init(lake: Lake, files: [String], year: Int? = nil, maxFieldBytes: Int = 64 << 10,
                blockSize: Int = 16 << 20, batchRows: Int = 500_000) {
        self.lake = lake
        self.files = files
        self.year = year
        self.maxFieldBytes = maxFieldBytes
        self.blockSize = blockSize
        self.batchRows = batchRows
    }

    /// The CSV files of a source directory (.csv, .csv.zst, .csv.gz), sorted by name.
    public static func sourceFiles(in directory: String) throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw CSVError.unreadable(file: directory, reason: "no such directory")
        }
        return names.filter { name in
            let lower = name.lowercased()
            return lower.hasSuffix(".csv") || lower.hasSuffix(".csv.zst") || lower.hasSuffix(".csv.gz")
        }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Ingests every file and commits the raw table; a failure commits nothing.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> (manifest: TableManifest, files: [RawFileReport]) {
        guard !files.isEmpty else { throw CSVError.unreadable(file: "source", reason: "no CSV files to ingest") }
        // Headers first: the table's schema is the declared columns plus every extra column seen.
        var plans: [(file: String, year: Int, targets: [Int?], extras: [String])] = []
        var extraNames: [String] = []
        for file in files {
            let reader = try CSVReader(path: file, blockSize: 1 << 16)
            let (targets, extras) = try Self.mapHeader(reader.header, file: file)
            for name in extras where !extraNames.contains(name) { extraNames.append(name) }
            let name = (file as NSString).lastPathComponent
            guard let year = CMSWideLayout.year(fromFileName: name) ?? year else {
                throw IngestError.unknownYear(file: file)
            }
            plans.append((file, year, targets, extras))
        }
        let columns = CMSWideLayout.columns
        var fields = columns.map { Field($0.name, $0.columnType) }
        fields += extraNames.map { Field($0, .string) }
        fields += [Field("_rescued", .string), Field("_source", .string), Field("_line", .int64, nullable: false),
                   Field("year", .int32, nullable: false)]
        let writer = try TableWriter(
            lake: lake, table: try Lake.TableName(zone: "raw", table: CMSWideLayout.table), schema: Schema(fields),
            partitionBy: ["year"])

        var reports: [RawFileReport] = []
        for plan in plans {
            reports.append(try ingest(plan.file, year: plan.year, targets: plan.targets, extras: plan.extras,
                                      allExtras: extraNames, into: writer, progress: progress))
        }
        let manifest = try writer.commit()
        return (manifest, reports)
    }

    private func ingest(
        _ file: String, year: Int, targets: [Int?], extras: [String], allExtras: [String], into writer: TableWriter,
        progress: (@Sendable (Int) -> Void)?
    ) throws -> RawFileReport {
        let reader = try CSVReader(path: file, blockSize: blockSize)
        let columns = CMSWideLayout.columns
        let maxFieldBytes = self.maxFieldBytes
        let expected = blockSize / 120
        let source = (file as NSString).lastPathComponent
        var pending: [RawBlockSink] = []
        var pendingRows = 0
        var rows = 0, rescuedRows = 0
        var repaired: [Int] = []
        var oversizedLines: [Int] = []

        func flush() throws {
            guard pendingRows > 0 else { return }
            try writer.write(Self.batch(pending, columns: columns, extras: extras, allExtras: allExtras, source: source, year: year))
            pending.removeAll()
            pendingRows = 0
        }

        try reader.forEachBlock(
            parse: { block -> RawBlockSink in
                var sink = RawBlockSink(
                    targets: targets, columns: columns, extraNames: extras, maxFieldBytes: maxFieldBytes,
                    expectedRows: block.oversized ? 1 : expected)
                if block.oversized {
                    sink.oversizedRecord(line: block.firstLine, head: block.bytes)
                } else {
                    CSVBlockParser.parse(block, into: &sink)
                }
                return sink
            },
            consume: { sink in
                rows += sink.rows
                rescuedRows += sink.rescuedRows
                repaired += sink.repairedLines
                if sink.oversized { oversizedLines.append(Int(sink.lines.first ?? 0)) }
                pendingRows += sink.rows
                pending.append(sink)
                progress?(sink.rows)
                if pendingRows >= batchRows { try flush() }
            })
        try flush()
        if rows == 0 { throw CSVError.headerOnly(file: file) }
        return RawFileReport(
            file: file, year: year, compression: reader.compression.rawValue, rows: rows, rescuedRows: rescuedRows,
            extraColumns: extras, repairedLines: repaired)
    }

    /// Joins block columns into one batch in the table's column order.
    static func batch(
        _ sinks: [RawBlockSink], columns: [RawColumn], extras: [String], allExtras: [String], source: String, year: Int
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
        vectors.append(ColumnVector(.string(StringArray(Array(repeating: source, count: rows)))))
        vectors.append(ColumnVector(.int64(sinks.flatMap(\.lines))))
        vectors.append(ColumnVector(.int32(Array(repeating: Int32(year), count: rows))))
        return vectors
    }

    /// Matches header names to declared columns (case-insensitive, any order).
    static func mapHeader(_ header: [String], file: String) throws -> (targets: [Int?], extras: [String]) {
        let columns = CMSWideLayout.columns
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
        return (targets, extras)
    }
}

/// Ingest failures that are not about CSV syntax.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case unknownYear(file: String)

    public var description: String {
        switch self {
        case .unknownYear(let file):
            return "\(file): cannot tell the data year; name the file like CMS (…_DY22_…) or pass --year"
        }
    }
}
