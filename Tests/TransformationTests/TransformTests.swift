import Lake
import Testing
@testable import Transformation

@Suite struct TransformTests {
    typealias F = CleansedFixture

    @Test func singleRowMakesOneRowInEveryTable() throws {
        let fx = F()
        defer { fx.cleanup() }
        try fx.write(facts: [.init(year: 2022, npi: 1_234_567_893, drug: 7, claims: 12, cost: 120.5, fills: 12, days: 360)],
                     prescribers: [.init(year: 2022, npi: 1_234_567_893, last: "Smith", first: "Ann", state: "RI", type: "Dentist")],
                     drugs: [.init(id: 7, brand: "Amoxicillin", generic: "AMOXICILLIN")])
        let report = try Transform(lake: fx.lake).run()
        #expect(report.factRows == 1)
        #expect(report.tables.map(\.rows) == [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0])
        let kpi = try fx.curated("kpi_year")[0]
        #expect(kpi["prescribers"] == .int64(1) && kpi["drugs"] == .int64(1) && kpi["claims"] == .int64(12))
        #expect(kpi["drug_cost"] == .decimal(12050) && kpi["generic_claim_share"] == .double(1) && kpi["yoy_claims"] == .null)
        let state = try fx.curated("state_summary")[0]
        #expect(state["state_name"] == .string("Rhode Island") && state["population"] == .int64(1_097_379))
        #expect(state["claims_per_1000_residents"] == .double(12.0 * 1000 / 1_097_379))
        let p = try fx.curated("prescriber_summary")[0]
        #expect(p["display_name"] == .string("Ann Smith") && p["rank_in_state"] == .int32(1) && p["rank_in_type"] == .int32(1))
        let drug = try fx.curated("drug_summary")[0]
        #expect(drug["cost_per_day"] == .double(120.5 / 360) && drug["claim_share"] == .double(1) && drug["is_generic"] == .boolean(true))
    }

    @Test func tiesRankByNameAndYoyUsesThePreviousYearPresent() throws {
        let fx = F()
        defer { fx.cleanup() }
        let people: [F.Prescriber] = [2019, 2021].flatMap { y in
            [F.Prescriber(year: y, npi: 1_000_000_001, last: "Zed", first: "Al", state: "CA", type: nil),
             F.Prescriber(year: y, npi: 1_000_000_002, last: "Acme Clinic", first: nil, state: "CA", type: nil),
             F.Prescriber(year: y, npi: (1 << 61) + 123_456_789, last: nil, first: nil, state: "XX", type: "NP")]
        }
        let facts: [F.Fact] = [
            .init(year: 2019, npi: 1_000_000_001, drug: 1, claims: 20, cost: 100),
            .init(year: 2019, npi: 1_000_000_002, drug: 2, claims: 20, cost: 100),
            .init(year: 2021, npi: 1_000_000_001, drug: 1, claims: 30, cost: 150),
            .init(year: 2021, npi: 1_000_000_002, drug: 2, claims: 30, cost: 150),
            .init(year: 2021, npi: (1 << 61) + 123_456_789, drug: 2, claims: 11, cost: 5),
        ]
        try fx.write(facts: facts, prescribers: people, drugs: [.init(id: 1, brand: "Zocor", generic: "SIMVASTATIN"),
                                                                .init(id: 2, brand: "Bactrim", generic: "SULFAMETHOXAZOLE")])
        try Transform(lake: fx.lake, workers: 2).run()
        let kpi = try fx.curated("kpi_year")
        #expect(kpi.map { $0["year"] } == [.int32(2019), .int32(2021)])
        #expect(kpi[1]["yoy_claims"] == .double(Double(71 - 40) / 40))
        #expect(kpi[1]["yoy_generic_claim_share"] == .double(0))
        // Equal claims in 2019: "Acme Clinic" ranks before "Al Zed".
        let top = try fx.curated("top_prescribers_by_state").filter { $0["year"] == .int32(2019) && $0["state"] == .string("CA") }
        #expect(top.map { $0["display_name"] } == [.string("Acme Clinic"), .string("Al Zed")])
        #expect(top.map { $0["rank"] } == [.int32(1), .int32(2)])
        let pseudo = try fx.curated("prescriber_summary").first { $0["state"] == .string("XX") }
        #expect(pseudo?["display_name"] == .string("Prescriber " + String(String((1 << 61) + 123_456_789).suffix(6))))
        // Drugs tie on claims and cost in 2019: generic name decides.
        let drugs = try fx.curated("drug_summary").filter { $0["year"] == .int32(2019) }
        #expect(drugs.map { $0["rank_claims"] } == [.int32(1), .int32(2)])
        #expect(drugs.map { $0["rank_cost"] } == [.int32(1), .int32(2)])
        let trend = try fx.curated("drug_trend")
        #expect(trend.map { $0["generic_name"] } == [.string("SIMVASTATIN"), .string("SIMVASTATIN"), .string("SULFAMETHOXAZOLE"), .string("SULFAMETHOXAZOLE")])
        #expect(trend[1]["yoy_claims"] == .double(0.5) && trend[0]["yoy_claims"] == .null)
        let specialty = try fx.curated("specialty_summary").filter { $0["year"] == .int32(2021) }
        #expect(specialty.map { $0["prescriber_type"] } == [.string("NP"), .null])
        #expect(specialty[1]["top_generic_name"] == .string("SIMVASTATIN"))
    }

    @Test func emptyFactTableWritesEmptyTablesAndAYearWithoutFactsHasNoRow() throws {
        let fx = F()
        defer { fx.cleanup() }
        try fx.write(facts: [], prescribers: [.init(year: 2020, npi: 1_000_000_001, last: "A", first: nil, state: "CA", type: nil)],
                     drugs: [.init(id: 1, brand: "X", generic: "X")])
        let report = try Transform(lake: fx.lake).run()
        #expect(report.tables.count == 12 && report.tables.allSatisfy { $0.rows == 0 })
        #expect(try fx.curated("kpi_year").isEmpty)
    }

    @Test func orphanPrescriberIsAnErrorNamingTheKey() throws {
        let fx = F()
        defer { fx.cleanup() }
        try fx.write(facts: [.init(year: 2022, npi: 1_000_000_009, drug: 1, claims: 11, cost: 1)],
                     prescribers: [.init(year: 2021, npi: 1_000_000_009, last: "A", first: nil, state: "CA", type: nil)],
                     drugs: [.init(id: 1, brand: "X", generic: "X")])
        #expect(throws: TransformError.orphan(table: "cleansed/prescriber_drug", key: "year 2022", dimension: "cleansed/prescriber")) {
            try Transform(lake: fx.lake).run()
        }
    }

    @Test func duplicateDrugIDIsAnError() throws {
        let fx = F()
        defer { fx.cleanup() }
        try fx.write(facts: [], prescribers: [], drugs: [.init(id: 1, brand: "X", generic: "X"), .init(id: 1, brand: "Y", generic: "Y")])
        #expect(throws: TransformError.duplicateKey(table: "cleansed/drug", key: "drug_id 1")) { try Transform(lake: fx.lake).run() }
    }
}
