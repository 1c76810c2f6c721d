import Foundation
import PGTestSupport
import Testing

@testable import Ingestion

/// All batches of a read, kept per table.
struct CollectedTables {
    var batches: [SourceTable: [PostgresBatch]] = [:]

    func integers(_ table: SourceTable, _ column: String) -> [Int64?] {
        (batches[table] ?? []).flatMap { batch -> [Int64?] in
            guard case .integers(let values) = batch.column(column) else { return [] }
            return values
        }
    }

    func decimals(_ table: SourceTable, _ column: String) -> [PGDecimal?] {
        (batches[table] ?? []).flatMap { batch -> [PGDecimal?] in
            guard case .decimals(let values) = batch.column(column) else { return [] }
            return values
        }
    }

    func texts(_ table: SourceTable, _ column: String) -> [String?] {
        (batches[table] ?? []).flatMap { batch -> [String?] in
            guard case .texts(let values) = batch.column(column) else { return [] }
            return values
        }
    }
}

func readAllTables(_ options: PostgresSourceOptions) throws -> (CollectedTables, [SourceTable: Int]) {
    var collected = CollectedTables()
    let counts = try PostgresSource(options: options).read { collected.batches[$0.table, default: []].append($0) }
    return (collected, counts)
}

/// A small database with the four tables, loaded from generated files.
func smallSourceDatabase(_ prefix: String) throws -> (conninfo: String, connection: PostgresConnection) {
    let directory = temporaryDirectory(prefix)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    _ = try generate(rows: 300, into: directory)
    let db = try freshDatabase(prefix)
    _ = try PostgresLoader(options: PostgresLoadOptions(conninfo: db.conninfo)).load(directory: directory)
    return (db.conninfo, db.connection)
}

@Suite struct PostgresSourceTests {
    @Test func readsTheShippedSampleBackExactly() throws {
        let sample = try ShippedSampleDatabase.shared()
        let (tables, counts) = try readAllTables(PostgresSourceOptions(conninfo: sample.conninfo, batchRows: 10_000))
        #expect(counts == sample.report.tableRows)
        #expect(counts[.prescriberDrug] == 150_060)
        #expect(tables.batches[.prescriberDrug]!.allSatisfy { batch in batch.rowCount <= 10_000 && batch.values.allSatisfy { $0.count == batch.rowCount } })
        #expect(tables.batches[.prescriberDrug]!.count == 16)

        // The 2022 file, read with the CSV reader, against the 2022 rows read from PostgreSQL.
        let csv = try readAll(packageDirectory + "/local_data/raw/MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv.zst")
        let loadable = csv.rows.filter { $0.fields.count == 22 && Int32($0.fields[10]) != nil }.map(\.fields)
        let years = tables.integers(.prescriberDrug, "year")
        let rows2022 = years.indices.filter { years[$0] == 2022 }
        #expect(rows2022.count == loadable.count)
        let csvCents = loadable.reduce(Int64(0)) { $0 + cents(PGDecimal($1[13])!) }
        let costs = tables.decimals(.prescriberDrug, "tot_drug_cst")
        #expect(rows2022.reduce(Int64(0)) { $0 + cents(costs[$1]!) } == csvCents)

        // The first CSV row, field by field.
        let first = loadable[0]
        let drugIDs = tables.integers(.drug, "drug_id")
        let brands = tables.texts(.drug, "brand_name"), generics = tables.texts(.drug, "generic_name")
        let drugIndex = try #require(drugIDs.indices.first { brands[$0] == first[8] && generics[$0] == first[9] })
        let npis = tables.integers(.prescriberDrug, "npi"), drugs = tables.integers(.prescriberDrug, "drug_id")
        let row = try #require(rows2022.first { npis[$0] == Int64(first[0]) && drugs[$0] == drugIDs[drugIndex] })
        func text(_ value: Int64?) -> String { value.map(String.init) ?? "" }
        func text(_ value: PGDecimal?) -> String { value?.description ?? "" }
        let measures: [String] = [
            text(tables.integers(.prescriberDrug, "tot_clms")[row]), text(tables.decimals(.prescriberDrug, "tot_30day_fills")[row]),
            text(tables.integers(.prescriberDrug, "tot_day_suply")[row]), text(tables.decimals(.prescriberDrug, "tot_drug_cst")[row]),
            text(tables.integers(.prescriberDrug, "tot_benes")[row]), tables.texts(.prescriberDrug, "ge65_sprsn_flag")[row] ?? "",
            text(tables.integers(.prescriberDrug, "ge65_tot_clms")[row]), text(tables.decimals(.prescriberDrug, "ge65_tot_30day_fills")[row]),
            text(tables.decimals(.prescriberDrug, "ge65_tot_drug_cst")[row]), text(tables.integers(.prescriberDrug, "ge65_tot_day_suply")[row]),
            tables.texts(.prescriberDrug, "ge65_bene_sprsn_flag")[row] ?? "", text(tables.integers(.prescriberDrug, "ge65_tot_benes")[row]),
        ]
        #expect(measures == Array(first[10...]))

        let prescriber = try #require(tables.integers(.prescriber, "npi").firstIndex(of: Int64(first[0])))
        let attributes = ["last_org_name", "first_name", "city", "state_abbr", "state_fips", "prescriber_type", "type_source"]
            .map { tables.texts(.prescriber, $0)[prescriber] ?? "" }
        #expect(attributes == Array(first[1...7]))
        let states = tables.texts(.state, "state_abbr")
        let texas = try #require(states.firstIndex(of: "TX"))
        #expect(tables.texts(.state, "state_name")[texas] == "Texas")
        #expect(tables.integers(.state, "population")[texas] == 29_145_505)
    }

    @Test func aMissingTableIsNamedBeforeAnyDataFlows() throws {
        let db = try freshDatabase("source_empty")
        var batches = 0
        #expect(throws: PostgresError.missingTable(schema: "public", table: "prescriber")) {
            try PostgresSource(options: PostgresSourceOptions(conninfo: db.conninfo)).read { _ in batches += 1 }
        }
        #expect(batches == 0)
        #expect(PostgresError.missingTable(schema: "public", table: "prescriber").description
            == "postgres: table public.prescriber does not exist (check source.schema and the source.*_table names)")
    }

    @Test func aMissingColumnIsNamedBeforeAnyDataFlows() throws {
        let db = try smallSourceDatabase("source_column")
        try db.connection.execute("ALTER TABLE drug DROP COLUMN generic_name")
        var batches = 0
        #expect(throws: PostgresError.missingColumns(schema: "public", table: "drug", columns: ["generic_name"])) {
            try PostgresSource(options: PostgresSourceOptions(conninfo: db.conninfo)).read { _ in batches += 1 }
        }
        #expect(batches == 0)
    }

    @Test func aHostileTableNameIsOnlyEverAName() throws {
        let db = try smallSourceDatabase("source_hostile")
        try db.connection.execute("CREATE TABLE y (n integer)")
        let hostile = "x\"; DROP TABLE y; --"
        var names = SourceTableNames()
        names.prescriber = hostile
        #expect(throws: PostgresError.missingTable(schema: "public", table: hostile)) {
            try PostgresSource(options: PostgresSourceOptions(conninfo: db.conninfo, names: names)).read { _ in }
        }
        #expect(try tableNames(db.connection) == ["drug", "prescriber", "prescriber_drug", "rxpipe_load_rejects", "state", "y"])
        // Present under that name, it is read like any other table.
        try db.connection.execute("ALTER TABLE prescriber RENAME TO \(try db.connection.quoteIdentifier(hostile))")
        let counts = try PostgresSource(options: PostgresSourceOptions(conninfo: db.conninfo, names: names)).read { _ in }
        #expect(counts[.prescriber] == Int(try db.connection.query("SELECT count(DISTINCT npi) FROM prescriber_drug")[0][0]!))
        #expect(try tableNames(db.connection).contains("y"))
    }

    @Test func connectionFailuresAreTypedAndCarryNoPassword() throws {
        let cluster = try PGTestCluster.shared()
        try cluster.createPasswordRole(password: "right-horse-battery")
        let wrong = cluster.conninfo(user: PGTestCluster.passwordRole) + " password=wrong-staple"
        do {
            try PostgresSource(options: PostgresSourceOptions(conninfo: wrong)).read { _ in }
            Issue.record("read with a wrong password")
        } catch let error as PostgresError {
            guard case .connectionFailed(_, let reason, _) = error else { throw error }
            #expect(reason.contains("password authentication failed"))
            #expect(!error.description.contains("wrong-staple"))
        }
        let refused = "postgres://rx:s3cret@127.0.0.1:1/cms?connect_timeout=2"
        let retry = PostgresRetryPolicy(retries: 1, initialDelay: 0.01)
        do {
            try PostgresSource(options: PostgresSourceOptions(conninfo: refused, retry: retry)).read { _ in }
            Issue.record("read from a port where nothing listens")
        } catch let error as PostgresError {
            guard case .connectionFailed(let endpoint, let reason, let attempts) = error else { throw error }
            #expect(endpoint.description == "host 127.0.0.1, port 1, database cms, user rx")
            #expect(reason.contains("refused"))
            #expect(attempts == 2)
            #expect(!error.description.contains("s3cret"))
        }
    }

    /// A NUMERIC NaN has no decimal: the read goes on, the field is null and its text is in the
    /// row's `_rescued` (cleanse quarantines the row), as the CSV path does with a non-number.
    @Test func aNaNNumericIsRescuedNotFatal() throws {
        let db = try smallSourceDatabase("source_nan")
        try db.connection.execute("UPDATE prescriber_drug SET tot_30day_fills = 'NaN' WHERE ctid = (SELECT min(ctid) FROM prescriber_drug)")
        let first = try db.connection.query("SELECT count(*) FROM prescriber_drug WHERE tot_30day_fills = 'NaN'")
        #expect(first == [["1"]])
        var rescued: [String] = []
        try PostgresSource(options: PostgresSourceOptions(conninfo: db.conninfo)).read(tables: [.prescriberDrug]) { batch in
            rescued += batch.rescued.compactMap { $0 }
        }
        #expect(rescued == ["{\"tot_30day_fills\":\"NaN\"}"])
    }

    @Test func readsInsideOneReadOnlySnapshot() throws {
        let db = try smallSourceDatabase("source_snapshot")
        var seen: [String] = []
        var inserted = false
        let probe = try PostgresConnection(db.conninfo)
        try PostgresSource(options: PostgresSourceOptions(conninfo: db.conninfo, batchRows: 1)).read(tables: [.state, .drug]) { batch in
            // A write committed while the state table streams must not show in the drug table.
            if batch.table == .state && !inserted {
                try probe.execute("INSERT INTO drug VALUES (-1, 'Late', 'Late')")
                inserted = true
            }
            if batch.table == .drug, case .texts(let names) = batch.column("brand_name")! { seen += names.compactMap { $0 } }
        }
        #expect(inserted)
        #expect(!seen.isEmpty)
        #expect(!seen.contains("Late"))
        #expect(try probe.query("SELECT count(*) FROM drug WHERE brand_name = 'Late'") == [["1"]])
    }
}

private func cents(_ value: PGDecimal) -> Int64 {
    var significand = value.significand
    for _ in value.scale..<2 { significand *= 10 }
    return significand
}
