import Testing

@testable import Disclosure

@Suite struct RowRedactionTests {
    let open = RowRedaction(policy: DisclosurePolicy(suppressBelow: 11, pseudonymized: false))
    let pseudonymised = RowRedaction(policy: DisclosurePolicy(suppressBelow: 11, pseudonymized: true))

    func values(_ row: [RowRedaction.Cell]) -> [String: String] {
        Dictionary(row.compactMap { c in c.text.map { (c.column, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    @Test func smallBeneficiaryCountIsSuppressedAndLargeOnesStay() {
        let (row, withheld) = open.redact([("Tot_Benes", "7"), ("GE65_Tot_Benes", nil), ("Tot_Clms", "24")])
        #expect(values(row) == ["Tot_Benes": "suppressed", "Tot_Clms": "24"])
        #expect(withheld == ["tot_benes"])
        #expect(values(open.redact([("Tot_Benes", "11")]).row) == ["Tot_Benes": "11"])
        #expect(values(open.redact([("tot_benes", "10")]).row) == ["tot_benes": "suppressed"])
    }

    @Test func textInACountColumnIsNotShown() {
        #expect(values(open.redact([("Tot_Benes", "seven")]).row) == ["Tot_Benes": "suppressed"])
    }

    @Test func claimsBelowTheThresholdHideTheRowsMeasures() {
        let (row, _) = open.redact([
            ("Tot_Clms", "7"), ("Tot_30day_Fills", "7.5"), ("Tot_Day_Suply", "210"), ("Tot_Drug_Cst", "88.10"), ("Brnd_Name", "Lipitor"),
        ])
        #expect(values(row) == [
            "Tot_Clms": "suppressed", "Tot_30day_Fills": "suppressed", "Tot_Day_Suply": "suppressed", "Tot_Drug_Cst": "suppressed",
            "Brnd_Name": "Lipitor",
        ])
    }

    @Test func aSetFlagHidesEveryFigureItGoverns() {
        let (row, _) = open.redact([
            ("GE65_Sprsn_Flag", "*"), ("GE65_Tot_Clms", "24"), ("GE65_Tot_30day_Fills", "25.9"), ("GE65_Tot_Drug_Cst", "421.43"),
            ("GE65_Tot_Day_Suply", "793"), ("GE65_Bene_Sprsn_Flag", nil), ("GE65_Tot_Benes", "16"), ("Tot_Benes", "40"),
        ])
        #expect(values(row) == [
            "GE65_Sprsn_Flag": "*", "GE65_Tot_Clms": "suppressed", "GE65_Tot_30day_Fills": "suppressed",
            "GE65_Tot_Drug_Cst": "suppressed", "GE65_Tot_Day_Suply": "suppressed", "GE65_Tot_Benes": "16", "Tot_Benes": "40",
        ])
        let (benes, _) = open.redact([("GE65_Bene_Sprsn_Flag", "#"), ("GE65_Tot_Benes", "30"), ("Tot_Benes", "44")])
        #expect(values(benes)["GE65_Tot_Benes"] == "suppressed")
    }

    @Test func theUnderSixtyFiveRemainderIsProtected() {
        // 30 − 25 = 5 people under 65: showing both would give it away, as CMS's `#` says.
        let (row, _) = open.redact([("Tot_Benes", "30"), ("GE65_Tot_Benes", "25")])
        #expect(values(row) == ["Tot_Benes": "30", "GE65_Tot_Benes": "suppressed"])
        let (claims, _) = open.redact([("Tot_Clms", "40"), ("GE65_Tot_Clms", "35"), ("GE65_Tot_Drug_Cst", "900.00")])
        #expect(values(claims) == ["Tot_Clms": "40", "GE65_Tot_Clms": "suppressed", "GE65_Tot_Drug_Cst": "suppressed"])
        // A remainder of 0 or of 11 and more is no small count.
        #expect(values(open.redact([("Tot_Benes", "30"), ("GE65_Tot_Benes", "30")]).row)["GE65_Tot_Benes"] == "30")
        #expect(values(open.redact([("Tot_Benes", "30"), ("GE65_Tot_Benes", "19")]).row)["GE65_Tot_Benes"] == "19")
    }

    @Test func pseudonymisingWithholdsIdentitiesButKeepsPseudonyms() {
        let (row, _) = pseudonymised.redact([
            ("Prscrbr_NPI", "1003000142"), ("Prscrbr_Last_Org_Name", "Khalil"), ("Prscrbr_First_Name", "Rashid"),
            ("Prscrbr_City", "Toledo"), ("_source", "MUP_DPR_RY26_P04_V10_DY24_NPIBN.csv"), ("_line", "2"),
        ])
        #expect(values(row) == [
            "Prscrbr_NPI": "withheld", "Prscrbr_Last_Org_Name": "withheld", "Prscrbr_First_Name": "withheld",
            "Prscrbr_City": "Toledo", "_source": "withheld", "_line": "withheld",
        ])
        #expect(values(pseudonymised.redact([("npi", "4611686018427387905")]).row) == ["npi": "4611686018427387905"])
        #expect(values(open.redact([("Prscrbr_NPI", "1003000142")]).row) == ["Prscrbr_NPI": "1003000142"])
    }

    @Test func rescuedFieldsAreJudgedLikeTheirColumns() {
        let (row, withheld) = open.redact([("_rescued", #"{"Tot_Benes":"7","Tot_Clms":"1O5","Brnd_Name":"X"}"#)])
        #expect(values(row)["_rescued"] == #"{"Brnd_Name":"X","Tot_Benes":"suppressed","Tot_Clms":"suppressed"}"#)
        #expect(withheld.contains("_rescued"))
        let (pseudo, _) = pseudonymised.redact([("_rescued", #"{"Prscrbr_NPI":"12345"}"#)])
        #expect(values(pseudo)["_rescued"] == #"{"Prscrbr_NPI":"withheld"}"#)
    }
}
