import Curated
import Testing

@testable import Site

@Suite struct MeasureTests {
    @Test func unitsComeFromTheDataDictionary() {
        #expect(Measure.of("drug_cost", table: "generic_summary") == .money)
        #expect(Measure.of("cost_per_claim", table: "kpi_year") == .dollars)
        #expect(Measure.of("claims", table: "state_drug") == .count)
        #expect(Measure.of("cost_share", table: "drug_summary") == .share)
        #expect(Measure.of("yoy_claims", table: "drug_trend") == .relative)
        #expect(Measure.of("rank_cost", table: "generic_summary") == .rank)
        #expect(Measure.of("value", table: "prescriber_outliers") == .decimal)
    }

    @Test func changesAreSignedAndSharesMoveInPoints() {
        #expect(Measure.money.change(from: 222_457_853.64, to: 230_000_000) == "+$7.5M, +3.4%")
        #expect(Measure.count.change(from: 1_200, to: 1_000) == "−200, −16.7%")
        #expect(Measure.share.change(from: 0.0002, to: 0.0084) == "+0.8 pp")
        #expect(Measure.money.format(222_457_853.64) == "$222.5M")
        #expect(Measure.share.change(from: nil, to: 0.1) == "–")
    }

    @Test func labelsAreForPeople() {
        #expect(ColumnLabels.column("cost_per_claim") == "Cost per claim")
        #expect(ColumnLabels.column("generic_claim_share") == "Generic claim share")
        #expect(ColumnLabels.column("some_new_column") == "Some new column")
        #expect(ColumnLabels.table("generic_summary") == "Drugs")
    }
}
