import Codecs
import Foundation
import Ingestion
import Lake
import PGTestSupport
import Testing
import Transformation

@testable import Cleansing

/// The CSV path and the PostgreSQL path write byte-identical cleansed tables (same part
/// files, same SHA-256 per file, same content hash) and identical curated tables, over the
/// shipped sample as it is (faults included), and so do the four tables exported from
/// PostgreSQL as CSV files.
@Suite struct SourceIdentityTests {
    let tables = ["prescriber_drug", "prescriber", "drug", "state"]

    /// Loads `directory` into a fresh database; returns its conninfo.
    func loadDatabase(_ directory: String, _ prefix: String) throws -> String {
        let cluster = try PGTestCluster.shared()
        let conninfo = cluster.conninfo(database: try cluster.createDatabase(prefix))
        _ = try PostgresLoader(options: PostgresLoadOptions(conninfo: conninfo)).load(directory: directory)
        return conninfo
    }

    /// Ingests the database into a fresh lake and cleanses it.
    func postgresPath(_ conninfo: String, _ prefix: String) throws -> (Lake, CleanseReport) {
        let lake = Lake(root: temporaryDirectory(prefix))
        _ = try RawPostgresIngest(lake: lake, options: PostgresSourceOptions(conninfo: conninfo, batchRows: 30_000)).run()
        let report = try cleanse(lake)
        #expect(report.layout == .fourTable)
        #expect(report.quality.tables.allSatisfy { $0.balances })
        return (lake, report)
    }

    func manifests(_ lake: Lake, _ zone: String, _ table: String) throws -> TableManifest { try lake.manifest(try .init(zone: zone, table: table)) }

    /// Every cleansed table byte for byte, then every curated table by content hash.
    func expectIdentical(_ a: Lake, _ b: Lake) throws {
        for table in tables {
            let x = try manifests(a, "cleansed", table), y = try manifests(b, "cleansed", table)
            #expect(x.rowCount == y.rowCount, "\(table) rows")
            #expect(x.files.map(\.path) == y.files.map(\.path), "\(table) files")
            #expect(x.files.map(\.sha256) == y.files.map(\.sha256), "\(table) file hashes")
            #expect(x.contentHash == y.contentHash, "\(table) content hash")
        }
        let curatedA = try Transform(lake: a, workers: 2).run(), curatedB = try Transform(lake: b, workers: 2).run()
        #expect(!curatedA.tables.isEmpty)
        for name in curatedA.tables.map(\.table) {
            let table = try Lake.TableName(parsing: name)
            #expect(try a.manifest(table).contentHash == b.manifest(table).contentHash, "\(name)")
        }
        #expect(curatedA.tables.map(\.table) == curatedB.tables.map(\.table))
    }

    @Test func theShippedSampleIsIdenticalOnBothPaths() throws {
        let csv = try ShippedSample.ingest(into: temporaryDirectory("identity-csv"))
        let csvReport = try cleanse(csv)
        #expect(csvReport.quality.count(.stateKnown) == 0, "every unknown-state row's NPI has a known state that year")
        let (pg, _) = try postgresPath(try loadDatabase(ShippedSample.directory, "identity_shipped"), "identity-pg")
        defer { try? FileManager.default.removeItem(atPath: csv.root); try? FileManager.default.removeItem(atPath: pg.root) }
        try expectIdentical(csv, pg)
    }

    /// The four tables as CSV files (PostgreSQL's own `COPY … TO STDOUT (FORMAT csv, HEADER)`,
    /// zstd- and gzip-compressed for two of them) ingest to the same cleansed and curated tables.
    @Test func theFourTablesExportedAsCSVMatchThePostgreSQLPath() throws {
        let conninfo = try loadDatabase(ShippedSample.directory, "identity_four_csv")
        let export = temporaryDirectory("identity-four-src")
        let connection = try PostgresConnection(conninfo, retry: .none)
        for table in SourceTable.allCases {
            var bytes: [UInt8] = []
            let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            let order = table == .prescriberDrug ? "" : " ORDER BY \"\(table.primaryKey!)\""
            _ = try connection.copyOut("COPY (SELECT \(columns) FROM public.\"\(table.rawValue)\"\(order)) TO STDOUT (FORMAT csv, HEADER)") {
                bytes += $0
            }
            let path = "\(export)/\(table.rawValue).csv"
            switch table {
            case .prescriberDrug: try Data(try Zstd.compress(bytes, level: 3)).write(to: URL(fileURLWithPath: path + ".zst"))
            case .drug: try Data(try Gzip.compress(bytes)).write(to: URL(fileURLWithPath: path + ".gz"))
            default: try Data(bytes).write(to: URL(fileURLWithPath: path))
            }
        }
        let csv = Lake(root: temporaryDirectory("identity-four-csv"))
        let outcome = try RawCSVSourceIngest(lake: csv, directory: export, layout: .auto).run()
        #expect(outcome.layout == .fourTable)
        #expect(outcome.files.allSatisfy { $0.rescuedRows == 0 && $0.extraColumns.isEmpty })
        let report = try cleanse(csv)
        #expect(report.layout == .fourTable)
        let (pg, _) = try postgresPath(conninfo, "identity-four-pg")
        defer { for p in [export, csv.root, pg.root] { try? FileManager.default.removeItem(atPath: p) } }
        try expectIdentical(csv, pg)
    }
}
