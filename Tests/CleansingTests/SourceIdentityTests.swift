import Foundation
import Ingestion
import Lake
import PGTestSupport
import Testing

@testable import Cleansing

/// The CSV path and the PostgreSQL path write byte-identical cleansed tables (same part
/// files, same SHA-256 per file, same content hash) — for every row whose own data survives
/// `db load`. The one designed difference: `db load` folds each row's prescriber attributes
/// into one prescriber row per NPI (majority vote), so a wide row whose own state code is
/// unknown (`state_known`, quarantined on the CSV path) reaches PostgreSQL as a valid fact of
/// a valid prescriber.
@Suite struct SourceIdentityTests {
    let tables = ["prescriber_drug", "prescriber", "drug", "state"]

    /// Loads `directory` into a fresh database, ingests it into a fresh lake, cleanses.
    func postgresPath(_ directory: String, _ prefix: String) throws -> (Lake, CleanseReport) {
        let cluster = try PGTestCluster.shared()
        let conninfo = cluster.conninfo(database: try cluster.createDatabase(prefix))
        _ = try PostgresLoader(options: PostgresLoadOptions(conninfo: conninfo)).load(directory: directory)
        let lake = Lake(root: temporaryDirectory(prefix))
        _ = try RawPostgresIngest(lake: lake, options: PostgresSourceOptions(conninfo: conninfo, batchRows: 30_000)).run()
        let report = try cleanse(lake)
        #expect(report.layout == .fourTable)
        #expect(report.quality.tables.allSatisfy { $0.balances })
        return (lake, report)
    }

    func manifests(_ lake: Lake, _ table: String) throws -> TableManifest { try lake.manifest(try .init(zone: "cleansed", table: table)) }

    @Test func identicalFilesWhenNoRowCarriesAnUnknownState() throws {
        // The shipped sample, regenerated uncompressed, minus its unknown_state fault rows.
        let dir = temporaryDirectory("identity-src")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = try SampleGenerator(options: SampleOptions(rows: 50_000, years: 2021...2023, seed: 42, outputDirectory: dir,
                                                                compression: .none, faults: 25)).run()
        for r in reports {
            let drop = Set(r.faults.filter { $0.kind == .unknownState }.map(\.line))
            #expect(drop.count == 3)
            let lines = try String(contentsOfFile: r.path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            let kept = lines.enumerated().filter { !drop.contains($0.offset + 1) }.map(\.element)
            try kept.joined(separator: "\n").write(toFile: r.path, atomically: true, encoding: .utf8)
        }
        let csv = Lake(root: temporaryDirectory("identity-csv"))
        _ = try RawCSVIngest(lake: csv, files: try RawCSVIngest.sourceFiles(in: dir)).run()
        let csvReport = try cleanse(csv)
        #expect(csvReport.quality.count(.stateKnown) == 0)
        let (pg, _) = try postgresPath(dir, "identity_filtered")
        defer { try? FileManager.default.removeItem(atPath: csv.root); try? FileManager.default.removeItem(atPath: pg.root) }
        for table in tables {
            let a = try manifests(csv, table), b = try manifests(pg, table)
            #expect(a.rowCount == b.rowCount, "\(table) rows")
            #expect(a.files.map(\.path) == b.files.map(\.path), "\(table) files")
            #expect(a.files.map(\.sha256) == b.files.map(\.sha256), "\(table) file hashes")
            #expect(a.contentHash == b.contentHash, "\(table) content hash")
        }
    }

    @Test func theShippedSampleDiffersOnlyByRowsWithAnUnknownState() throws {
        let (csv, csvReport) = try ShippedSample.cleansed(pseudonymize: false)
        let (pg, _) = try postgresPath(ShippedSample.directory, "identity_shipped")
        defer { try? FileManager.default.removeItem(atPath: pg.root) }
        for table in ["prescriber", "state"] {
            #expect(try manifests(csv, table).contentHash == manifests(pg, table).contentHash, "\(table)")
        }
        // Every PostgreSQL fact row the CSV path does not have is one of its state_known rows.
        func keys(_ lake: Lake) throws -> [String: Int] {
            var out: [String: Int] = [:]
            for r in try rows(lake, "cleansed/prescriber_drug") { out["\(r["year"]!)|\(r["npi"]!)|\(r["tot_clms"]!)|\(r["tot_drug_cst"]!)", default: 0] += 1 }
            return out
        }
        let a = try keys(csv), b = try keys(pg)
        var extra: [String] = []
        for (k, n) in b where a[k, default: 0] < n { extra += Array(repeating: k, count: n - a[k, default: 0]) }
        #expect(a.allSatisfy { b[$0.key, default: 0] >= $0.value }, "the CSV path keeps nothing PostgreSQL lacks")
        let stateRows = try rows(csv, "quarantine/cms_prescriber_drug").filter { $0["rule"] == .string("state_known") }
            .map { "\($0["year"]!)|\($0["Prscrbr_NPI"]!)|\($0["Tot_Clms"]!)|\($0["Tot_Drug_Cst"]!)" }
        #expect(extra.count == csvReport.quality.count(.stateKnown))
        #expect(Set(extra) == Set(stateRows.map { row in
            // Quarantine holds text; the cleansed values print as numbers ("1234.5" either way).
            let p = row.split(separator: "|").map(String.init)
            return "\(p[0])|\(p[1])|\(p[2])|\(Double(p[3])!)"
        }))
    }
}
