import Foundation
import Lake
import RxCore

/// What ingesting one CSV file did.
public struct RawFileReport: Sendable, Equatable {
    public let file: String
    /// The raw table the file went to.
    public let table: String
    /// The data year of a CMS wide file; nil for the four-table layout (years are a column).
    public let year: Int?
    public let compression: String
    public let rows: Int
    /// Rows with at least one field kept in `_rescued`.
    public let rescuedRows: Int
    /// Header columns rxpipe does not declare, kept as strings.
    public let extraColumns: [String]
    /// Lines where invalid UTF-8 was decoded as Windows-1252.
    public let repairedLines: [Int]
    /// Where every physical line of the file went, and its encoding.
    public let account: SourceFileAccount
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
    /// Data years accepted (`[source] min_year`…`max_year`); a file named for another is refused.
    public let years: ClosedRange<Int>

    public init(lake: Lake, files: [String], year: Int? = nil, maxFieldBytes: Int = 64 << 10,
                blockSize: Int = 16 << 20, batchRows: Int = 500_000, years: ClosedRange<Int> = DataYears.defaultRange) {
        self.lake = lake
        self.years = years
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
        return names.filter { CSVSourceLayout.tableName(ofFile: $0) != nil }
            .sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Ingests every file and commits the raw table; a failure commits nothing.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> (manifest: TableManifest, files: [RawFileReport]) {
        guard !files.isEmpty else { throw CSVError.unreadable(file: "source", reason: "no CSV files to ingest") }
        // Headers first: the table's schema is the declared columns plus every extra column seen.
        var plans: [(file: String, year: Int, header: RawCSVFileLoader.Header)] = []
        var extraNames: [String] = []
        for file in files {
            let reader = try CSVReader(path: file, blockSize: 1 << 16)
            let header = try RawCSVFileLoader.mapHeader(reader.header, columns: CMSWideLayout.columns, file: file)
            for name in header.extras where !extraNames.contains(name) { extraNames.append(name) }
            let name = (file as NSString).lastPathComponent
            guard let year = CMSWideLayout.year(fromFileName: name) ?? year else {
                throw IngestError.unknownYear(file: file)
            }
            guard years.contains(year) else { throw IngestError.yearOutOfRange(file: file, year: year, range: years) }
            plans.append((file, year, header))
        }
        let fields = CMSWideLayout.columns.map { Field($0.name, $0.columnType) }
            + RawCSVFileLoader.bookkeepingFields(extras: extraNames) + [Field("year", .int32, nullable: false)]
        let writer = try TableWriter(
            lake: lake, table: try Lake.TableName(zone: "raw", table: CMSWideLayout.table), schema: Schema(fields),
            partitionBy: ["year"])
        let loader = RawCSVFileLoader(
            columns: CMSWideLayout.columns, maxFieldBytes: maxFieldBytes, blockSize: blockSize, batchRows: batchRows)
        var reports: [RawFileReport] = []
        for plan in plans {
            let outcome = try loader.load(
                plan.file, header: plan.header, allExtras: extraNames, into: writer,
                trailing: { [ColumnVector(.int32(Array(repeating: Int32(plan.year), count: $0)))] }, progress: progress)
            reports.append(RawFileReport(
                file: plan.file, table: CMSWideLayout.table, year: plan.year, compression: outcome.compression, rows: outcome.rows,
                rescuedRows: outcome.rescuedRows, extraColumns: plan.header.extras, repairedLines: outcome.repairedLines,
                account: outcome.account))
        }
        writer.properties = [SourceFileAccount.propertyKey: SourceFileAccount.encode(reports.map(\.account))]
        let manifest = try writer.commit()
        return (manifest, reports)
    }

    /// Matches header names to the CMS columns (case-insensitive, any order).
    static func mapHeader(_ header: [String], file: String) throws -> (targets: [Int?], extras: [String]) {
        let mapped = try RawCSVFileLoader.mapHeader(header, columns: CMSWideLayout.columns, file: file)
        return (mapped.targets, mapped.extras)
    }
}

/// Ingest failures that are not about CSV syntax.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case unknownYear(file: String)
    case noSourceFiles(directory: String)
    case incompleteFourTables(directory: String, missing: [String])
    case mixedLayouts(directory: String, others: [String])
    case duplicateTableFile(table: String, files: [String])
    /// A PostgreSQL money value that is not exact to the cent (an unconstrained `numeric`).
    case inexactMoney(source: String, column: String, row: Int, value: String)
    /// A file's data year (from its name or --year) outside `[source] min_year`…`max_year`.
    case yearOutOfRange(file: String, year: Int, range: ClosedRange<Int>)
    /// The physical lines of a file do not add up (a reader bug; nothing is committed).
    case lineCount(file: String, physical: Int, accounted: Int)

    public var description: String {
        switch self {
        case .unknownYear(let file):
            return "\(file): cannot tell the data year; name the file like CMS (…_DY22_…) or pass --year"
        case .noSourceFiles(let directory):
            return "\(directory): no .csv, .csv.zst or .csv.gz files to ingest"
        case .incompleteFourTables(let directory, let missing):
            return "\(directory): the four-table layout needs a file per table; missing \(missing.map { "\($0).csv" }.joined(separator: ", "))"
                + " (.csv, .csv.zst or .csv.gz; table names come from [source])"
        case .mixedLayouts(let directory, let others):
            return "\(directory): the four table files sit next to other CSV files (\(others.prefix(3).joined(separator: ", "))"
                + "\(others.count > 3 ? ", …" : "")); move those away or set [source] layout = \"cms_wide\""
        case .duplicateTableFile(let table, let files):
            return "table \(table) has two files: \(files.joined(separator: " and ")); keep one"
        case .yearOutOfRange(let file, let year, let range):
            return "\(file): data year \(year) is outside \(range.lowerBound)–\(range.upperBound) ([source] min_year, max_year); "
                + "check the file name (…_DY22_…) or --year"
        case .lineCount(let file, let physical, let accounted):
            return "\(file): \(physical) physical lines but \(accounted) accounted for (header, blank lines, records); nothing was committed"
        case .inexactMoney(let source, let column, let row, let value):
            return "\(source) row \(row), column \(column): \(value) has more than 2 decimals or more than 18 digits; "
                + "money is kept exact to the cent (declare the column numeric(14,2))"
        }
    }
}
