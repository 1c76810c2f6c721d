import Testing

@testable import Disclosure

@Suite struct ColumnSensitivityTests {
    static let cases: [(String, ColumnSensitivity)] = [
        ("Tot_Benes", .beneficiaryCount), ("GE65_Tot_Benes", [.beneficiaryCount, .flagGoverned]),
        ("tot_benes", .beneficiaryCount), ("Tot_Clms", .claimCount), ("ge65_tot_clms", [.claimCount, .flagGoverned]),
        ("GE65_Tot_Drug_Cst", [.flagGoverned, .rowMeasure]), ("Prscrbr_NPI", .identifier), ("npi", .identifier),
        ("Prscrbr_First_Name", .personName), ("last_org_name", .personName), ("_source", .sourceLocation), ("_line", .sourceLocation),
        ("GE65_Sprsn_Flag", []), ("Benesetron", []), ("total_beneficiaries", .beneficiaryCount), ("claims", []), ("prescribers", []), ("display_name", []),
    ]

    @Test(arguments: cases)
    func classifiesByName(_ name: String, _ expected: ColumnSensitivity) {
        #expect(ColumnSensitivity.of(name) == expected)
    }

    @Test func flagsGovernTheirBlocks() {
        #expect(ColumnSensitivity.governingFlag(of: "GE65_Tot_Clms") == "ge65_sprsn_flag")
        #expect(ColumnSensitivity.governingFlag(of: "GE65_Tot_Benes") == "ge65_bene_sprsn_flag")
        #expect(ColumnSensitivity.governingFlag(of: "Tot_Clms") == nil)
    }
}
