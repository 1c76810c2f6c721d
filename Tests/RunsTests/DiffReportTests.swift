import Foundation
import Testing

@testable import Runs

@Suite struct DiffReportTests {
    func rendered(_ format: DiffFormat) throws -> String {
        let fixture = DiffFixture()
        defer { fixture.remove() }
        return try format.render(try fixture.diff())
    }

    @Test func theSummaryComesFirstWithFormattedNumbers() throws {
        let text = try rendered(.text)
        #expect(text.hasPrefix("""
            Comparing run 20261101T000000Z-aaaaaaaa with run 20261102T000000Z-bbbbbbbb.

            Summary
            -------

              - Data years: 2022–2023 → 2023–2024 (added 2024, dropped 2022)
              - Rows: raw 1,000 → 1,200 (+200); cleansed 990 → 1,175 (+185); curated 6 → 6
              - Quarantine: 10 → 25 rows (+15)
              - Gates: all 2 passed → 1 passed, 1 failed (max_quarantine_share now fails)
              - 2023, the latest year in both: Claims 100 → 110 (+10, +10.0%); Drug cost $1.2M → $1.7M (+$483.4K, +39.2%); \
            Cost per claim $1,500.00 → $1,718.51 (+$218.51, +14.6%); Generic claim share 59.0% → 95.2% (+36.2 pp)
              - Curated tables: 2 of 2 changed; rows 1 added, 1 removed, 5 changed; 8 moves in the top lists

            Headline figures by year
            """))
        #expect(!text.contains("generic_claim_share") && !text.contains("cost_per_claim") && !text.contains("null"))
    }

    @Test func tablesListEntitiesWithLabelsAndPointsForShares() throws {
        let text = try rendered(.text)
        #expect(text.contains("""
              Drug          Year  Drug cost      Change           Also changed
              ------------  ----  -------------  ---------------  -----------------------------------------------------------------------------------
              Atorvastatin  2023  $1.2M → $1.3M  +$100.0K, +8.3%  Claims 5,000 → 5,200 (+200, +4.0%); Generic claim share 50.0% → 52.0% (+2.0 pp)
              Apixaban      2023  unchanged      –                Claims 3,000 → 6,000 (+3,000, +100.0%); Generic claim share 30.0% → 29.0% (−1.0 pp)
            """))
        #expect(text.contains("2023  Generic claim share  59.0%      95.2%      +36.2 pp"))
        // The share's relative change (+61.4 %) and the unbased drug's (+99,900 %) are nowhere.
        #expect(!text.contains("61.4%") && !text.contains("99,900") && !text.contains("Tiny"))
        #expect(text.contains("1 changed row below the base (1,000 claims, $100.0K drug cost) is not listed."))
    }

    @Test func topListsSayWhoMovedEnteredOrLeft() throws {
        let text = try rendered(.text)
        #expect(text.contains("""
            Top 10 drugs by claims:

              - 2023: Apixaban moved from rank 2 to 1
              - 2023: Atorvastatin moved from rank 1 to 2
              - 2023: Gone left the top 10 (was rank 4)
              - 2023: New|<b>*x* entered the top 10 at rank 4
            """))
        #expect(text.contains("  - 2023, AK: Metformin moved from rank 2 to 1"))
        #expect(!text.contains("generic_name:"))
    }

    @Test func markdownEscapesDataOnlyAndNotNumbers() throws {
        let md = try rendered(.markdown)
        #expect(md.contains("## Summary\n\n- Data years: 2022–2023 → 2023–2024 (added 2024, dropped 2022)"))
        #expect(md.contains("Cost per claim \\$1,500.00 → \\$1,718.51 (+\\$218.51, +14.6%)"))
        #expect(md.contains("| Atorvastatin | 2023 | \\$1.2M → \\$1.3M | +\\$100.0K, +8.3% |"))
        #expect(md.contains("- 2023: New\\|\\<b\\>\\*x\\* entered the top 10 at rank 4"))
        #expect(md.contains("Added: New\\|\\<b\\>\\*x\\* (2023)"))
        #expect(md.contains("`max_quarantine_share` now fails"))
        #expect(!md.contains("\\.") && !md.contains("\\,") && !md.contains("\\-") && !md.contains("\\("))
    }
}
