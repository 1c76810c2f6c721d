import Foundation
import PGTestSupport
import RxCore
import Testing

@testable import Ingestion

/// `rxpipe db load`'s engine against a real server.
@Suite struct PostgresLoaderTests {
    /// A digest of a table's whole contents, to compare loads.
    func digest(_ connection: PostgresConnection, _ table: String) throws -> String {
        try connection.query("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \(table) t")[0][0] ?? ""
    }

    @Test func loadsGeneratedFilesSkippingExactlyTheUnloadableFaultRows() throws {
        let directory = temporaryDirectory("pgload")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reports = try generate(rows: 3_000, years: 2021...2022, faults: 20, compression: .gzip, into: directory)
        let db = try freshDatabase("load_generated")
        let report = try PostgresLoader(options: PostgresLoadOptions(conninfo: db.conninfo)).load(directory: directory)

        #expect(report.files.map(\.year) == [2021, 2022])
        for (file, generated) in zip(report.files, reports) {
            let unloadable = generated.faults.filter { $0.kind == .raggedRow || $0.kind == .nonNumericClaims }
            #expect(file.records == generated.rows)
            #expect(file.skipped == unloadable.count)
            #expect(file.loaded == generated.rows - unloadable.count)
            #expect(file.listedSkips.map(\.line) == unloadable.map(\.line))
            #expect(file.listedSkips.allSatisfy { $0.file == generated.path })
            for (skip, fault) in zip(file.listedSkips, unloadable) {
                #expect(skip.reason == (fault.kind == .raggedRow
                    ? "ragged row: 18 fields, the header has 22" : "column Tot_Clms: \"1O5\" is not an integer"))
            }
        }
        // Every skipped row is kept, with its year, file name and line, for the run to quarantine.
        let stored = try db.connection.query("SELECT year, source, line, reason FROM rxpipe_load_rejects ORDER BY year, line")
        let expected = zip(report.files, reports).flatMap { file, generated in
            file.listedSkips.map { [String(file.year), (generated.path as NSString).lastPathComponent, String($0.line), $0.reason] }
        }
        #expect(stored == expected.map { $0.map { Optional($0) } })
        let loaded = report.files.reduce(0) { $0 + $1.loaded }
        #expect(report.tableRows[.prescriberDrug] == loaded)
        #expect(report.tableRows[.state] == StateReference.all.count)
        #expect(try db.connection.query("SELECT count(DISTINCT npi) FROM prescriber_drug") == [[String(report.tableRows[.prescriber]!)]])
        #expect(try db.connection.query("SELECT count(*) FROM prescriber_drug pd LEFT JOIN drug d USING (drug_id) WHERE d.drug_id IS NULL") == [["0"]])
        #expect(try db.connection.query("SELECT count(DISTINCT (brand_name, generic_name)) = count(*) FROM drug") == [["t"]])
        #expect(try db.connection.query("SELECT state_name, population FROM state WHERE state_abbr = 'WY'") == [["Wyoming", "576851"]])
    }

    @Test func reloadingTheSameFilesGivesTheSameTables() throws {
        let directory = temporaryDirectory("pgreload")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try generate(rows: 1_500, years: 2022...2023, faults: 10, into: directory)
        let db = try freshDatabase("load_twice")
        let loader = PostgresLoader(options: PostgresLoadOptions(conninfo: db.conninfo))
        let first = try loader.load(directory: directory)
        let tables = ["prescriber", "drug", "prescriber_drug", "state"]
        let before = try tables.map { try digest(db.connection, $0) }
        let second = try loader.load(directory: directory)
        #expect(try tables.map { try digest(db.connection, $0) } == before)
        #expect(second.tableRows == first.tableRows)
        #expect(second.replacedRows == first.tableRows[.prescriberDrug])
        #expect(second.newDrugs == 0)
        #expect(first.replacedRows == 0)
    }

    @Test func reloadingOneYearReplacesOnlyThatYear() throws {
        let all = temporaryDirectory("pgyears")
        let one = temporaryDirectory("pgyear")
        defer { for path in [all, one] { try? FileManager.default.removeItem(atPath: path) } }
        let reports = try generate(rows: 1_000, years: 2021...2022, into: all)
        try FileManager.default.copyItem(atPath: reports[1].path, toPath: one + "/" + (reports[1].path as NSString).lastPathComponent)
        let db = try freshDatabase("load_year")
        _ = try PostgresLoader(options: PostgresLoadOptions(conninfo: db.conninfo)).load(directory: all)
        let before = try db.connection.query("SELECT year, count(*) FROM prescriber_drug GROUP BY year ORDER BY year")
        let report = try PostgresLoader(options: PostgresLoadOptions(conninfo: db.conninfo)).load(directory: one)
        #expect(report.replacedRows == reports[1].rows)
        #expect(try db.connection.query("SELECT year, count(*) FROM prescriber_drug GROUP BY year ORDER BY year") == before)
    }

    @Test func tableNamesAreConfigurableAndQuoted() throws {
        let directory = temporaryDirectory("pghostile")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try generate(rows: 200, into: directory)
        let db = try freshDatabase("load_hostile")
        try db.connection.execute("CREATE TABLE y (n integer)")
        let hostile = "x\"; DROP TABLE y; --"
        let names = SourceTableNames(schema: "cms src", prescriber: hostile, drug: "Drug", prescriberDrug: "facts", state: "states")
        let report = try PostgresLoader(options: PostgresLoadOptions(conninfo: db.conninfo, names: names)).load(directory: directory)
        #expect(report.tableRows[.prescriberDrug] == 200)
        #expect(try tableNames(db.connection) == ["y"])
        #expect(try tableNames(db.connection, schema: "cms src") == ["Drug", "facts", "rxpipe_load_rejects", "states", hostile])
    }

    @Test func aFileWithoutARequiredColumnChangesNothing() throws {
        let directory = temporaryDirectory("pgmissing")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"
        let header = SampleGenerator.header.filter { $0 != "Tot_Drug_Cst" }
        try (header.joined(separator: ",") + "\n" + Array(repeating: "1", count: header.count).joined(separator: ",") + "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let db = try freshDatabase("load_missing")
        #expect(throws: CSVError.missingColumns(file: path, columns: ["Tot_Drug_Cst"])) {
            try PostgresLoader(options: PostgresLoadOptions(conninfo: db.conninfo)).load(directory: directory)
        }
        #expect(try tableNames(db.connection).isEmpty)
    }

    @Test func fileNamesMustCarryOneYearEach() throws {
        let directory = temporaryDirectory("pgnames")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: LoadError.noFiles(directory)) { try CMSWideFile.list(in: directory) }
        try "a\n1\n".write(toFile: directory + "/prescribers.csv", atomically: true, encoding: .utf8)
        #expect(throws: LoadError.noYearInName(directory + "/prescribers.csv")) { try CMSWideFile.list(in: directory) }
        #expect(CMSWideFile.year(fromName: "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv.zst") == 2022)
        #expect(CMSWideFile.year(fromName: "mup_dpr_dy19.csv") == 2019)
    }

    @Test func aFailedConnectionCreatesNothing() throws {
        let directory = temporaryDirectory("pgrefused")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try generate(rows: 100, into: directory)
        let cluster = try PGTestCluster.shared()
        try cluster.createPasswordRole(password: "right-horse-battery")
        let name = try cluster.createDatabase("load_auth")
        let wrong = cluster.conninfo(database: name, user: PGTestCluster.passwordRole) + " password=wrong-staple"
        #expect(throws: PostgresError.self) {
            try PostgresLoader(options: PostgresLoadOptions(conninfo: wrong)).load(directory: directory)
        }
        #expect(throws: PostgresError.self) {
            try PostgresLoader(options: PostgresLoadOptions(conninfo: cluster.conninfo(database: name).replacingOccurrences(of: "port=\(cluster.port)", with: "port=1")))
                .load(directory: directory)
        }
        #expect(try tableNames(PostgresConnection(cluster.conninfo(database: name))).isEmpty)
    }
}

extension PostgresLoaderTests {
    @Test func anOversizedRecordIsSkippedWithItsLine() throws {
        let directory = temporaryDirectory("pgoversized")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reports = try generate(rows: 50, into: directory)
        // Replace the city of data line 11 (file line 12) with 24 MiB of text: more than the reader buffers.
        var lines = try String(contentsOfFile: reports[0].path, encoding: .utf8).components(separatedBy: "\n")
        var fields = lines[11].components(separatedBy: ",")
        fields[3] = String(repeating: "x", count: 24 << 20)
        lines[11] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: reports[0].path, atomically: true, encoding: .utf8)
        let db = try freshDatabase("load_oversized")
        let report = try PostgresLoader(options: PostgresLoadOptions(conninfo: db.conninfo, maxRecordBytes: 4_096)).load(directory: directory)
        #expect(report.files[0].listedSkips == [LoadSkip(file: reports[0].path, line: 12, reason: "record longer than the reader's limit; not loaded")])
        #expect(report.files[0].loaded == 49)
    }
}
