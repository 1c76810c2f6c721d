import Foundation
import Lake
import RxCore
import Testing

@testable import Cleansing

/// Every rule with a row that passes it and a row that breaks it.
@Suite struct RuleTests {
    typealias F = CMSRawFixture

    /// Cleanses `[good, bad]` and returns the quarantine rows and the report.
    func check(_ bad: [String: Value], good: [String: Value] = F.good(npi: F.npiB)) throws -> (quarantine: [[String: Value]], report: CleanseReport, cleansed: [[String: Value]]) {
        var out: (quarantine: [[String: Value]], report: CleanseReport, cleansed: [[String: Value]])! = nil
        try withFixture([good, bad]) { lake, report throws in
            out = (try rows(lake, "quarantine/cms_prescriber_drug"), report, try rows(lake, "cleansed/prescriber_drug"))
        }
        return out
    }

    func expectRejected(_ bad: [String: Value], _ rule: CleanseRule, message: String? = nil) throws {
        let (q, report, cleansed) = try check(bad)
        #expect(q.count == 1, "\(rule)")
        #expect(q.first?["rule"] == .string(rule.id))
        if let message { #expect(q.first?["message"] == .string(message)) }
        #expect(q.first?["_line"] == .int64(3))
        #expect(q.first?["_source"] == .string("fixture.csv"))
        #expect(cleansed.count == 1, "the good row is kept")
        #expect(cleansed.first?["npi"] == .int64(F.npiB))
        #expect(report.quality.count(rule) == 1)
        #expect(report.quality.tables[0].balances)
    }

    @Test func aGoodRowPassesEveryRule() throws {
        try withFixture([F.good()]) { lake, report throws in
            #expect(try rows(lake, "cleansed/prescriber_drug").count == 1)
            #expect(try rows(lake, "quarantine/cms_prescriber_drug").isEmpty)
            for rule in CleanseRule.allCases { #expect(report.quality.count(rule) == 0, "\(rule)") }
        }
    }

    @Test func npiFormat() throws {
        var bad = F.good()
        bad["Prscrbr_NPI"] = .int64(F.npiA + 1)
        try expectRejected(bad, .npiFormat, message: "Prscrbr_NPI is not 10 digits with a valid check digit")
        bad["Prscrbr_NPI"] = .int64(12345)
        try expectRejected(bad, .npiFormat)
        #expect(FactProcessor.validNPI(F.npiA))
        #expect(FactProcessor.validNPI(1_234_567_893))  // the CMS documentation's example NPI
        #expect(!FactProcessor.validNPI(1_234_567_890))
    }

    @Test func required() throws {
        for column in ["Prscrbr_NPI", "Gnrc_Name", "Brnd_Name", "Tot_Clms", "Tot_Drug_Cst"] {
            var bad = F.good()
            bad[column] = .null
            try expectRejected(bad, .required, message: "\(column) is missing")
        }
        var blank = F.good()
        blank["Gnrc_Name"] = .string(" \u{00A0} ")
        try expectRejected(blank, .required, message: "Gnrc_Name is missing")
    }

    @Test func rescuedNamesTheColumn() throws {
        var bad = F.good()
        bad["Tot_Clms"] = .null
        bad["_rescued"] = .string(#"{"Tot_Clms":"1O5"}"#)
        try expectRejected(bad, .rescued, message: "did not parse: Tot_Clms")
        var ragged = F.good()
        ragged["_rescued"] = .string(#"{"_fields":18,"_expected_fields":22}"#)
        try expectRejected(ragged, .rescued, message: "ragged row: 18 fields where the header has 22")
    }

    @Test func claimsMin() throws {
        try expectRejected(F.good(claims: 7), .claimsMin, message: "Tot_Clms is 7, below the CMS minimum of 11")
        try withFixture([F.good(claims: 11)]) { lake, _ throws in #expect(try rows(lake, "cleansed/prescriber_drug").count == 1) }
    }

    @Test func nonNegative() throws {
        for column in ["Tot_Drug_Cst", "Tot_30day_Fills", "Tot_Day_Suply", "GE65_Tot_Clms"] {
            var bad = F.good()
            bad[column] = F.types[column] == .double ? .double(-1.5) : .int64(-3)
            try expectRejected(bad, .nonNegative, message: "\(column) is negative")
        }
        var zero = F.good()
        zero["Tot_Drug_Cst"] = .double(0)
        try withFixture([zero]) { lake, _ throws in #expect(try rows(lake, "cleansed/prescriber_drug").count == 1) }
    }

    @Test func stateKnownAndFIPS() throws {
        var bad = F.good()
        bad["Prscrbr_State_Abrvtn"] = .string("QQ")
        try expectRejected(bad, .stateKnown, message: "Prscrbr_State_Abrvtn \"QQ\" is not a state code CMS uses")
        bad["Prscrbr_State_Abrvtn"] = .null
        try expectRejected(bad, .stateKnown, message: "Prscrbr_State_Abrvtn is missing")
        // Lower case is normalised; a wrong FIPS is fixed; XX (unknown) is accepted without FIPS.
        var fixable = F.good()
        fixable["Prscrbr_State_Abrvtn"] = .string(" tx ")
        fixable["Prscrbr_State_FIPS"] = .string("99")
        var unknown = F.good(npi: F.npiB)
        unknown["Prscrbr_State_Abrvtn"] = .string("XX")
        unknown["Prscrbr_State_FIPS"] = .null
        try withFixture([fixable, unknown]) { lake, report throws in
            let p = try rows(lake, "cleansed/prescriber")
            #expect(p.count == 2)
            #expect(p[0]["state"] == .string("TX") && p[0]["state_fips"] == .string("48"))
            #expect(p[1]["state"] == .string("XX") && p[1]["state_fips"] == .null)
            #expect(report.quality.count(.stateFIPS) == 1)
        }
    }

    /// The state is the NPI's: a row with an unknown code takes the state the NPI's other rows
    /// give that year (the most frequent; counted as prescriber_conflict), as the four-table
    /// source does; an NPI-year with no known state at all is rejected.
    @Test func unknownStateTakesTheStateOfTheNPIsOtherRows() throws {
        var typo = F.good(brand: "Crestor", generic: "Rosuvastatin Calcium")
        typo["Prscrbr_State_Abrvtn"] = .string("QQ")
        typo["Prscrbr_State_FIPS"] = .string("99")
        var elsewhere = F.good(brand: "Zocor", generic: "Simvastatin")
        elsewhere["Prscrbr_State_Abrvtn"] = .string("OK")
        elsewhere["Prscrbr_State_FIPS"] = .string("40")
        var lone = F.good(npi: F.npiC)
        lone["Prscrbr_State_Abrvtn"] = .string("QQ")
        var otherYear = F.good(npi: F.npiC, year: 2023)
        otherYear["Prscrbr_State_Abrvtn"] = .string("NM")
        otherYear["Prscrbr_State_FIPS"] = .string("35")
        try withFixture([F.good(), typo, F.good(brand: "Norvasc", generic: "Amlodipine Besylate"), elsewhere, lone, otherYear]) { lake, report throws in
            let q = try rows(lake, "quarantine/cms_prescriber_drug")
            #expect(q.map { $0["_line"] } == [.int64(6)], "only the NPI-year without any known state is rejected")
            #expect(q.first?["rule"] == .string("state_known"))
            #expect(try rows(lake, "cleansed/prescriber_drug").count == 5)
            let p = try rows(lake, "cleansed/prescriber")
            #expect(p.map { $0["state"] } == [.string("TX"), .string("NM")], "TX wins 2 to 1 over OK; 2023 has its own state")
            #expect(report.quality.count(.stateKnown) == 1)
            let conflicts = try #require(report.quality.rules.first { $0.id == "prescriber_conflict" })
            #expect(conflicts.examples.contains { $0.line == 3 && $0.message.contains("\"QQ\"") && $0.message.contains("TX") })
        }
    }

    @Test func flagKnown() throws {
        var bad = F.good()
        bad["GE65_Sprsn_Flag"] = .string("x")
        try expectRejected(bad, .flagKnown, message: "GE65_Sprsn_Flag is not empty, * or #")
    }

    @Test func duplicateRowIsDroppedAndCounted() throws {
        try withFixture([F.good(), F.good(), F.good(npi: F.npiB)]) { lake, report throws in
            #expect(try rows(lake, "cleansed/prescriber_drug").count == 2)
            #expect(try rows(lake, "quarantine/cms_prescriber_drug").isEmpty)
            #expect(report.quality.count(.duplicateRow) == 1)
            #expect(report.quality.tables[0] == Reconciliation(source: "raw/cms_prescriber_drug", target: "cleansed/prescriber_drug", raw: 3, cleansed: 2, quarantined: 0, duplicatesDropped: 1))
            #expect(report.grouped)
        }
    }

    @Test func conflictingKeyKeepsTheFirst() throws {
        var second = F.good()
        second["Tot_Clms"] = .int64(99)
        // Drug identity is case-insensitive: the conflict is found across spellings.
        second["Brnd_Name"] = .string("LIPITOR")
        try withFixture([F.good(), second]) { lake, report throws in
            let c = try rows(lake, "cleansed/prescriber_drug")
            #expect(c.count == 1 && c[0]["tot_clms"] == .int64(40))
            let q = try rows(lake, "quarantine/cms_prescriber_drug")
            #expect(q.count == 1 && q[0]["rule"] == .string("conflicting_key") && q[0]["Tot_Clms"] == .string("99"))
            #expect(report.quality.count(.conflictingKey) == 1)
        }
    }

    @Test func aRowWithTheSameFiguresUnderAnotherNameIsAConflictNotACopy() throws {
        var renamed = F.good()
        renamed["Prscrbr_Last_Org_Name"] = .string("O'Brien")
        var moved = F.good()
        moved["Prscrbr_City"] = .string("Elsewhere")
        try withFixture([F.good(), renamed, moved, F.good()]) { lake, report throws in
            #expect(try rows(lake, "cleansed/prescriber_drug").count == 1)
            let q = try rows(lake, "quarantine/cms_prescriber_drug")
            #expect(q.map { $0["rule"] } == [.string("conflicting_key"), .string("conflicting_key")])
            #expect(q.map { $0["_line"] } == [.int64(3), .int64(4)])
            #expect(report.quality.count(.conflictingKey) == 2)
            #expect(report.quality.count(.duplicateRow) == 1)
            #expect(report.quality.tables[0] == Reconciliation(source: "raw/cms_prescriber_drug", target: "cleansed/prescriber_drug", raw: 4, cleansed: 1, quarantined: 2, duplicatesDropped: 1))
        }
    }

    @Test func ungroupedInputStillFindsDuplicates() throws {
        // A, B, A again: not grouped by prescriber; the full fingerprint index is used.
        try withFixture([F.good(), F.good(npi: F.npiB), F.good()]) { lake, report throws in
            #expect(!report.grouped)
            #expect(report.quality.count(.duplicateRow) == 1)
            #expect(try rows(lake, "cleansed/prescriber_drug").count == 2)
            #expect(try rows(lake, "cleansed/prescriber").map { $0["npi"] } == [.int64(F.npiA), .int64(F.npiB)])
        }
    }

    @Test func suppressionNullsSmallCountsAndFlaggedValues() throws {
        var flagged = F.good()
        flagged["GE65_Sprsn_Flag"] = .string("*")
        var small = F.good(npi: F.npiB)
        small["Tot_Benes"] = .int64(7)
        small["GE65_Tot_Benes"] = .int64(3)
        var zero = F.good(npi: F.npiC)
        zero["Tot_Benes"] = .int64(0)
        zero["GE65_Tot_Benes"] = .int64(0)
        zero["GE65_Tot_Clms"] = .int64(0)
        zero["GE65_Tot_30day_Fills"] = .double(0)
        try withFixture([flagged, small, zero]) { lake, report throws in
            let c = try rows(lake, "cleansed/prescriber_drug")
            #expect(c.count == 3)
            #expect(c[0]["ge65_sprsn_flag"] == .string("*"))
            for column in ["ge65_tot_clms", "ge65_tot_30day_fills", "ge65_tot_drug_cst", "ge65_tot_day_suply"] { #expect(c[0][column] == .null, "\(column)") }
            #expect(c[0]["tot_benes"] == .int64(15))
            #expect(c[1]["tot_benes"] == .null && c[1]["ge65_tot_benes"] == .null)
            #expect(c[2]["tot_benes"] == .int64(0), "zero is not a small count")
            #expect(report.quality.count(.suppression) == 2)
            // No published beneficiary count is in 1…10.
            for row in c {
                for col in ["tot_benes", "ge65_tot_benes"] {
                    if case .int64(let v) = row[col]! { #expect(!(1...10).contains(v)) }
                }
            }
        }
    }

    @Test func fillsVsClaimsWarns() throws {
        var low = F.good()
        low["Tot_30day_Fills"] = .double(12)
        try withFixture([low, F.good(npi: F.npiB)]) { lake, report throws in
            #expect(try rows(lake, "cleansed/prescriber_drug").count == 2, "a warning keeps the row")
            #expect(report.quality.count(.fillsVsClaims) == 1)
            let rule = report.quality.rules.first { $0.id == "fills_vs_claims" }!
            #expect(rule.examples.first?.line == 2)
            #expect(rule.severity == .warn)
        }
    }

    @Test func ge65WithinTotalWarns() throws {
        var over = F.good()
        over["GE65_Tot_Drug_Cst"] = .double(5000)
        try withFixture([over, F.good(npi: F.npiB)]) { lake, report throws in
            #expect(try rows(lake, "cleansed/prescriber_drug").count == 2)
            #expect(report.quality.count(.ge65WithinTotal) == 1)
            #expect(report.quality.rules.first { $0.id == "ge65_within_total" }!.examples.first?.message == "GE65_Tot_Drug_Cst above the total")
        }
    }

    @Test func prescriberConflictMostFrequentWinsTiesFirstSeen() throws {
        func row(_ npi: Int64, _ drug: String, city: String) -> [String: Value] {
            var r = F.good(npi: npi, brand: drug, generic: drug)
            r["Prscrbr_City"] = .string(city)
            return r
        }
        let input = [
            row(F.npiA, "A", city: "Austin"), row(F.npiA, "B", city: "Dallas"), row(F.npiA, "C", city: "Dallas"),
            row(F.npiB, "A", city: "Waco"), row(F.npiB, "B", city: "Houston"),
        ]
        try withFixture(input) { lake, report throws in
            let p = try rows(lake, "cleansed/prescriber")
            #expect(p.map { $0["city"] } == [.string("Dallas"), .string("Waco")])
            #expect(report.quality.count(.prescriberConflict) == 2)
        }
    }

    @Test func everyRuleHasADescription() {
        for rule in CleanseRule.allCases { #expect(rule.description.count > 20, "\(rule)") }
        #expect(Set(CleanseRule.allCases.map(\.id)).count == CleanseRule.allCases.count)
    }
}
