import Foundation
import Lake
import RxCore
import Testing

@testable import Runs

@Suite struct RunDiffTests {
    @Test func summaryCountsYearsRowsQuarantineAndGates() throws {
        let fixture = DiffFixture()
        defer { fixture.remove() }
        let s = try fixture.diff().summary
        #expect(s.yearsAdded == [2024] && s.yearsDropped == [2022])
        #expect(s.zones.first { $0.zone == "quarantine" } == .init(zone: "quarantine", a: 10, b: 25))
        #expect(s.zones.first { $0.zone == "curated" } == .init(zone: "curated", a: 6, b: 6))
        #expect(s.gatesA == .init(passed: 2, failed: 0) && s.gatesB == .init(passed: 1, failed: 1))
    }

    @Test func largestChangesAreByAbsoluteImpactAmongRowsWithTheBase() throws {
        let fixture = DiffFixture()
        defer { fixture.remove() }
        let t = try #require(try fixture.diff().tables.first { $0.table == "generic_summary" })
        #expect(t.impactColumn == "drug_cost")
        // Tiny went from $100 to $100,000 (+99,900 %) but had 20 claims: not listed, counted.
        #expect(t.largestChanges.map { $0.key } == [["2023", "Atorvastatin"], ["2023", "Apixaban"]])
        #expect(t.belowBase == 1 && t.changed == 3)
        #expect(t.largestChanges[0].impact == 100_000)
        // Rank columns are left to the top lists; shares change in points, never relative.
        #expect(!t.largestChanges.flatMap(\.changes).contains { $0.column.hasPrefix("rank") })
        let share = try #require(t.largestChanges[0].changes.first { $0.column == "generic_claim_share" })
        #expect(share.relative == nil && abs(share.change! - 0.02) < 1e-12)
    }

    @Test func topListsAreComparedByEntityNotBySlot() throws {
        let fixture = DiffFixture()
        defer { fixture.remove() }
        let diff = try fixture.diff()
        let state = try #require(diff.tables.first { $0.table == "state_drug" })
        #expect(state.key == ["year", "state", "generic_name"])
        #expect(state.largestChanges.allSatisfy { e in e.changes.allSatisfy { $0.column == "claims" } })
        let list = try #require(diff.rankLists.first { $0.table == "state_drug" })
        #expect(list.moves.map { "\($0.entity) \($0.from!)→\($0.to!)" } == ["Lisinopril 1→2", "Metformin 2→1"])
        let top = try #require(diff.rankLists.first { $0.rankColumn == "rank_claims" })
        #expect(top.moves.map { "\($0.entity) \(top.kind($0))" } == ["Apixaban moved", "Atorvastatin moved", "Gone left", "New|<b>*x* entered"])
    }

    @Test func theSameRunsGiveTheSameBytes() throws {
        let fixture = DiffFixture()
        defer { fixture.remove() }
        let one = try fixture.diff(), two = try fixture.diff()
        for format in DiffFormat.allCases { #expect(try format.render(one) == format.render(two)) }
        let decoded = try JSONDecoder().decode(RunDiff.self, from: Data(try DiffFormat.json.render(one).utf8))
        #expect(decoded == one && decoded.formatVersion == 2)
    }

    @Test func aRunComparedWithItselfHasNoChanges() throws {
        let fixture = DiffFixture()
        defer { fixture.remove() }
        let path = try fixture.snapshot("a", DiffFixture.drugsA, stateDrug: [("AK", 1, "Lisinopril", 900)])
        let r = fixture.record("20261101T000000Z-aaaaaaaa", years: [2023], raw: 10, quarantined: 0, gatePasses: true, root: path)
        let diff = try RunDiff.compare(r, r, snapshotA: path, snapshotB: path)
        #expect(diff.isEmpty)
        #expect(try DiffFormat.text.render(diff) == """
            Comparing run 20261101T000000Z-aaaaaaaa with run 20261101T000000Z-aaaaaaaa.

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
