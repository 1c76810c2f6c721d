import Foundation
import Lake
import PGTestSupport
import Testing

@testable import Ingestion

@Suite struct RawPostgresIngestTests {
    @Test func ingestsTheFourTablesAsOneCommit() throws {
        let sample = try ShippedSampleDatabase.shared()
        let root = temporaryDirectory("pg-raw")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lake = Lake(root: root)
        let manifests = try RawPostgresIngest(lake: lake, options: PostgresSourceOptions(conninfo: sample.conninfo, batchRows: 40_000)).run()
        for table in SourceTable.allCases {
            #expect(manifests[table]?.rowCount == sample.report.tableRows[table], "\(table)")
        }
        #expect(manifests[.prescriberDrug]?.partitionColumns == ["year"])
        #expect(Set(manifests[.prescriberDrug]!.files.compactMap { $0.partition["year"] ?? nil }) == ["2021", "2022", "2023"])

        // Cost per year in the lake equals the database's own sum, to the cent.
        let connection = try PostgresConnection(sample.conninfo)
        let sums = try connection.query("SELECT year, sum(tot_drug_cst)::text FROM prescriber_drug GROUP BY year ORDER BY year")
        var lakeSums: [Int32: Int64] = [:]
        try lake.open(try Lake.TableName(parsing: "raw/prescriber_drug")).scan(columns: ["year", "tot_drug_cst"]) { batch in
            guard case .int32(let years) = batch["year"]!.values, case .decimal(let costs) = batch["tot_drug_cst"]!.values else {
                Issue.record("unexpected column types")
                return
            }
            for row in 0..<batch.rowCount where !batch["tot_drug_cst"]!.isNull(row) { lakeSums[years[row], default: 0] += costs[row] }
        }
        #expect(!sums.isEmpty)
        for row in sums {
            #expect(lakeSums[Int32(row[0]!)!].map(Cents.text) == row[1]!, "year \(row[0]!)")
        }
    }

    @Test func aMissingTableCommitsNothing() throws {
        let sample = try ShippedSampleDatabase.shared()
        let root = temporaryDirectory("pg-raw-missing")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lake = Lake(root: root)
        var names = SourceTableNames()
        names.state = "no_such_table"
        #expect(throws: PostgresError.self) {
            try RawPostgresIngest(lake: lake, options: PostgresSourceOptions(conninfo: sample.conninfo, names: names)).run()
        }
        #expect(try lake.tables(zone: "raw").isEmpty)
    }

    @Test func decimalsBecomeTheNearestDouble() {
        #expect(RawPostgresIngest.double(PGDecimal(significand: 451_222, scale: 2)) == 4512.22)
        #expect(RawPostgresIngest.double(PGDecimal(significand: -5, scale: 2)) == -0.05)
        #expect(RawPostgresIngest.double(PGDecimal(significand: 517, scale: 1)) == 51.7)
    }
}
