import Foundation
import Lake
import RxCore

/// Reads the four source tables from CSV files (the layout a database export has) into
/// `raw/prescriber`, `raw/drug`, `raw/prescriber_drug/year=YYYY/` and `raw/state`: the
/// columns of the PostgreSQL path (`SourceTable.columns`, same types), plus extra columns,
/// `_rescued`, `_source` and `_line` as in every CSV ingest. A `year` that does not parse is
/// null (its text in `_rescued`) and lands in the null partition; cleanse quarantines it.
///
/// All four tables are written first and committed together at the end, so a failure while
/// reading leaves every previous raw table as it was.
public struct RawFourTableCSVIngest: Sendable {
    public let lake: Lake
    public let files: [SourceTable: String]
    public let maxFieldBytes: Int
    public let blockSize: Int
    public let batchRows: Int

    public init(lake: Lake, files: [SourceTable: String], maxFieldBytes: Int = 64 << 10, blockSize: Int = 16 << 20,
                batchRows: Int = 500_000) {
        self.lake = lake
        self.files = files
        self.maxFieldBytes = maxFieldBytes
        self.blockSize = blockSize
        self.batchRows = batchRows
    }

    /// The declared CSV columns of a source table: every column required in the header.
    static func columns(of table: SourceTable) -> [RawColumn] {
        table.columns.map { column in
            switch column.type {
            case .integer: return RawColumn(column.name, .int32)
            case .bigint: return RawColumn(column.name, .int64)
            case .numeric: return RawColumn(column.name, .double)
            case .money: return RawColumn(column.name, .decimal)
            case .text: return RawColumn(column.name, .string)
            }
        }
    }

    /// Ingests the four files and commits the four raw tables; returns manifests and reports.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> (manifests: [SourceTable: TableManifest], files: [RawFileReport]) {
        // Every header first: a file rxpipe cannot use fails before anything is written.
        let missing = SourceTable.allCases.filter { files[$0] == nil }
        if !missing.isEmpty {
            let directory = files.values.first.map { ($0 as NSString).deletingLastPathComponent } ?? "source"
            throw IngestError.incompleteFourTables(directory: directory, missing: missing.map(\.rawValue))
        }
        var headers: [SourceTable: RawCSVFileLoader.Header] = [:]
        for table in SourceTable.allCases {
            let file = files[table]!
            let reader = try CSVReader(path: file, blockSize: 1 << 16)
            headers[table] = try RawCSVFileLoader.mapHeader(reader.header, columns: Self.columns(of: table), file: file)
        }
        var writers: [SourceTable: TableWriter] = [:]
        var reports: [RawFileReport] = []
        for table in SourceTable.allCases {
            let columns = Self.columns(of: table), header = headers[table]!, file = files[table]!
            let schema = Schema(columns.map { Field($0.name, $0.columnType) } + RawCSVFileLoader.bookkeepingFields(extras: header.extras))
            let writer = try TableWriter(
                lake: lake, table: try Lake.TableName(zone: "raw", table: table.rawValue), schema: schema,
                partitionBy: table == .prescriberDrug ? ["year"] : [])
            writers[table] = writer
            let loader = RawCSVFileLoader(columns: columns, maxFieldBytes: maxFieldBytes, blockSize: blockSize, batchRows: batchRows)
            let outcome = try loader.load(file, header: header, allExtras: header.extras, into: writer, progress: progress)
            reports.append(RawFileReport(
                file: file, table: table.rawValue, year: nil, compression: outcome.compression, rows: outcome.rows,
                rescuedRows: outcome.rescuedRows, extraColumns: header.extras, repairedLines: outcome.repairedLines,
                account: outcome.account))
            writer.properties = [SourceFileAccount.propertyKey: SourceFileAccount.encode([outcome.account])]
        }
        var manifests: [SourceTable: TableManifest] = [:]
        for table in SourceTable.allCases { manifests[table] = try writers[table]!.commit() }
        return (manifests, reports)
    }
}
