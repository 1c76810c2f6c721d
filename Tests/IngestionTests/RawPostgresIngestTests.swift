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
        // raw/prescriber_drug also holds a row per row db load could not load (null figures,
        // the reason in _rescued), for cleanse to quarantine.
        let rejected = sample.report.files.reduce(0) { $0 + $1.skipped }
        #expect(rejected > 0)
        for table in SourceTable.allCases {
            #expect(manifests[table]?.rowCount == sample.report.tableRows[table]! + (table == .prescriberDrug ? rejected : 0), "\(table)")
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

/// A NUMERIC NaN or ±Infinity has no decimal: the field is null and its text goes to the row's
/// `_rescued`, so cleanse quarantines the row instead of the whole read failing.
@Suite struct PostgresNonFiniteNumericTests {
    static func numeric(sign: UInt16) -> [UInt8] { [0, 0, 0, 0, UInt8(sign >> 8), UInt8(sign & 0xFF), 0, 0] }

    @Test func nanAndInfinityAreRescuedNotFatal() throws {
        var builder = PostgresBatchBuilder(table: .prescriberDrug, sourceName: "public.prescriber_drug")
        let columns = SourceTable.prescriberDrug.columns
        let fills = try #require(columns.firstIndex { $0.name == "tot_30day_fills" })
        let one: [UInt8] = [0, 1, 0, 0, 0, 0, 0, 0, 0, 1]  // numeric 1: one digit group, weight 0
        for special in [nil, 0xC000, 0xD000, 0xF000] as [UInt16?] {
            try builder.beginTuple(fieldCount: columns.count)
            for index in columns.indices {
                if index == fills {
                    let bytes = special.map(Self.numeric) ?? one
                    try bytes.withUnsafeBytes { try builder.field(index, $0) }
                } else {
                    try builder.field(index, nil)
                }
            }
            try builder.endTuple()
        }
        let batch = builder.take()
        #expect(batch.rescued == [nil, "{\"tot_30day_fills\":\"NaN\"}", "{\"tot_30day_fills\":\"Infinity\"}", "{\"tot_30day_fills\":\"-Infinity\"}"])
        guard case .decimals(let values) = batch.values[fills] else { Issue.record("not decimals"); return }
        #expect(values.map { $0 == nil } == [false, true, true, true])
        let vectors = try RawPostgresIngest.vectors(batch, source: "public.prescriber_drug", firstLine: 1)
        let schema = RawPostgresIngest.schema(of: .prescriberDrug)
        let rescued = vectors[try #require(schema.index(of: "_rescued"))]
        #expect(rescued.isNull(0) && !rescued.isNull(1) && rescued.value(at: 2) == .string("{\"tot_30day_fills\":\"Infinity\"}"))
    }
}
