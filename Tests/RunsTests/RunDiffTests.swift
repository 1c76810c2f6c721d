import Foundation
import Lake
import RxCore
import Testing

@testable import Runs

@Suite struct RunDiffTests {
    /// A snapshot lake with generic_summary rows (name, claims, cost, rank by claims, rank by cost) for 2023.
    func snapshot(_ rows: [(String, Int64, Double, Int32, Int32)]) throws -> String {
        let root = NSTemporaryDirectory() + "rxpipe-diff-\(UUID().uuidString)"
        let schema = Schema([Field("year", .int32), Field("generic_name", .string), Field("claims", .int64), Field("drug_cost", .double),
                             Field("rank_claims", .int32), Field("rank_cost", .int32)])
        let w = try TableWriter(lake: Lake(root: root), table: try .init(zone: "curated", table: "generic_summary"), schema: schema)
        try w.write([
            ColumnVector(.int32(rows.map { _ in 2023 })), ColumnVector(.string(StringArray(rows.map(\.0)))),
            ColumnVector(.int64(rows.map(\.1))), ColumnVector(.double(rows.map(\.2))),
            ColumnVector(.int32(rows.map(\.3))), ColumnVector(.int32(rows.map(\.4))),
        ])
        _ = try w.commit()
        return root
    }

    func record(_ id: String, claims: Double, rules: [String: Int], gatesPass: Bool, root: String) throws -> RunRecord {
        var r = RunRecord(runID: id, rxpipeVersion: "0.1.0", configHash: "c")
        r.status = .ok
        r.kpis = [.init(year: 2023, values: ["claims": claims, "drug_cost": 1000])]
        r.ruleCounts = rules
        r.gates = [.init(name: "max_quarantine_share", passed: gatesPass, detail: "")]
        r.tables = try Snapshot.take(lakeRoot: root, into: root + "-copy")
        return r
    }

    @Test func diffOfTwoRunsListsKPIsRowsRankMovesQualityAndGates() throws {
        let a = try snapshot([("Atorvastatin", 100, 900, 1, 2), ("Apixaban", 50, 2000, 2, 1), ("Gone", 11, 5, 3, 3)])
        let b = try snapshot([("Atorvastatin", 120, 900, 1, 2), ("Apixaban", 50, 2500, 2, 1), ("New <b>", 30, 10, 3, 3)])
        defer { for p in [a, b, a + "-copy", b + "-copy"] { try? FileManager.default.removeItem(atPath: p) } }
        let ra = try record("20261101T000000Z-aaaaaaaa", claims: 100, rules: ["npi_format": 3], gatesPass: true, root: a)
        let rb = try record("20261102T000000Z-bbbbbbbb", claims: 110, rules: ["npi_format": 5], gatesPass: false, root: b)
        let diff = try RunDiff.compare(ra, rb, snapshotA: a + "-copy", snapshotB: b + "-copy")
        let text = try DiffFormat.text.render(diff)
        let expected = """
            rxpipe diff 20261101T000000Z-aaaaaaaa → 20261102T000000Z-bbbbbbbb

            KPIs
            ----
              2023 claims: 100 → 110 (+10, +10.0%)

            Curated tables
            --------------
              generic_summary: 3 → 3 rows; 1 added, 1 removed, 2 changed
                  2023 / Apixaban drug_cost: 2000 → 2500 (+25.0%)
                  2023 / Atorvastatin claims: 100 → 120 (+20.0%)
                  added: 2023 / New <b>
                  removed: 2023 / Gone

            Rank moves
            ----------
              New <b> entered at #3 by claims (2023)
              New <b> entered at #3 by cost (2023)

            Quality
            -------
              npi_format: 3 → 5 rows

            Gates
            -----
              max_quarantine_share: passed → failed

            """
        #expect(text == expected)
        let markdown = try DiffFormat.markdown.render(diff)
        #expect(markdown.contains("New \\<b\\>"))
        let json = try DiffFormat.json.render(diff)
        let decoded = try JSONDecoder().decode(RunDiff.self, from: Data(json.utf8))
        #expect(decoded == diff)
    }

    @Test func shareChangesAreInPercentagePointsNeverRelative() throws {
        let diff = RunDiff(
            a: "A", b: "B",
            kpis: [.init(year: 2023, name: "generic_claim_share", a: 0.59, b: 0.952, change: 0.362, relative: 0.6136),
                   .init(year: 2023, name: "claims", a: 100, b: 110, change: 10, relative: 0.1)],
            tables: [.init(table: "drug_summary", rowsA: 1, rowsB: 1, added: 0, removed: 0, changed: 1, addedKeys: [], removedKeys: [],
                           largestChanges: [.init(key: "2023 / Apixaban / Eliquis", column: "claim_share", a: "0.015", b: "0.01",
                                                  relative: -0.3333)])],
            rankMoves: [], quality: [], gates: [], schema: [])
        let text = try DiffFormat.text.render(diff)
        #expect(text.contains("2023 generic_claim_share: 0.59 → 0.952 (+36.2 pp)"))
        #expect(text.contains("2023 claims: 100 → 110 (+10, +10.0%)"))
        #expect(text.contains("2023 / Apixaban / Eliquis claim_share: 0.015 → 0.01 (−0.5 pp)"))
        #expect(!text.contains("61.4%") && !text.contains("-33.3%"))
    }

    @Test func aRunComparedWithItselfHasNoChanges() throws {
        let a = try snapshot([("Atorvastatin", 100, 900, 1, 1)])
        defer { for p in [a, a + "-copy"] { try? FileManager.default.removeItem(atPath: p) } }
        let ra = try record("20261101T000000Z-aaaaaaaa", claims: 100, rules: [:], gatesPass: true, root: a)
        let diff = try RunDiff.compare(ra, ra, snapshotA: a + "-copy", snapshotB: a + "-copy")
        #expect(diff.isEmpty)
        #expect(try DiffFormat.text.render(diff) == """
            rxpipe diff 20261101T000000Z-aaaaaaaa → 20261101T000000Z-aaaaaaaa

            No changes: the two runs have the same KPIs, curated tables, quality results and gates.

            """)
    }
}

@Suite struct QualityGatesTests {
    var thresholds: RxpipeConfig.Quality {
        var q = RxpipeConfig.defaults().quality
        q.minRowsPerYear = 10
        q.requiredYears = [2022]
        return q
    }

    @Test func passingData() {
        let gates = QualityGates(thresholds: thresholds).evaluate(
            reconciliation: [.init(table: "prescriber_drug", raw: 1000, cleansed: 990, quarantined: 10, duplicatesDropped: 0)],
            ruleCounts: ["npi_format": 10], rowsPerYear: [2022: 990], kpis: [.init(year: 2022, values: ["claims": 100])],
            previous: [.init(year: 2022, values: ["claims": 120])])
        let failed = gates.filter { !$0.passed }.map(\.name)
        #expect(failed.isEmpty, "\(gates)")
    }

    @Test func eachGateFails() {
        let gates = QualityGates(thresholds: thresholds).evaluate(
            reconciliation: [.init(table: "prescriber_drug", raw: 100, cleansed: 5, quarantined: 95, duplicatesDropped: 0)],
            ruleCounts: ["npi_format": 95], rowsPerYear: [2021: 5], kpis: [.init(year: 2021, values: ["claims": 300])],
            previous: [.init(year: 2021, values: ["claims": 100])])
        let failed = Set(gates.filter { !$0.passed }.map(\.name))
        #expect(failed == ["max_quarantine_share", "max_rule_share", "min_rows_per_year", "required_years", "max_kpi_change"])
    }

    @Test func anEmptySourceFails() {
        let gates = QualityGates(thresholds: thresholds).evaluate(
            reconciliation: [.init(table: "prescriber_drug", raw: 0, cleansed: 0, quarantined: 0, duplicatesDropped: 0)],
            ruleCounts: [:], rowsPerYear: [:], kpis: [], previous: nil)
        #expect(gates.first { $0.name == "non_empty" }?.passed == false)
        #expect(gates.first { $0.name == "min_rows_per_year" }?.passed == false)
    }
}
