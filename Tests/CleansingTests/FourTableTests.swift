import Foundation
import Lake
import RxCore
import Testing

@testable import Cleansing

@Suite struct FourTableTests {
    typealias F = CMSRawFixture
    typealias T = FourTableFixture

    @Test func orphansAreQuarantined() throws {
        var fixture = T()
        fixture.prescribers = [T.prescriber(F.npiA)]
        fixture.drugs = [["drug_id": .int32(5), "brand_name": .string("Lipitor"), "generic_name": .string("Atorvastatin Calcium")]]
        fixture.facts = [T.fact(F.npiA, drug: 5), T.fact(F.npiB, drug: 5), T.fact(F.npiA, drug: 6)]
        let root = temporaryDirectory("four")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lake = Lake(root: root)
        try fixture.write(to: lake)
        let report = try cleanse(lake)
        #expect(report.layout == .fourTable)
        let q = try rows(lake, "quarantine/prescriber_drug")
        #expect(q.map { $0["rule"] } == [.string("orphan"), .string("orphan")])
        #expect(q.map { $0["message"] } == [.string("npi has no valid row in raw/prescriber"), .string("drug_id 6 has no valid row in raw/drug")])
        #expect(try rows(lake, "cleansed/prescriber_drug").count == 1)
        #expect(report.quality.count(.orphan) == 2)
        #expect(report.quality.tables.allSatisfy { $0.balances })
    }

    @Test func dimensionRowsAreValidated() throws {
        var fixture = T()
        fixture.prescribers = [T.prescriber(F.npiA), T.prescriber(F.npiB, state: "QQ"), T.prescriber(F.npiC, fips: "01")]
        fixture.drugs = [["drug_id": .int32(5), "brand_name": .string("Lipitor"), "generic_name": .null]]
        fixture.facts = [T.fact(F.npiA, drug: 5)]
        let root = temporaryDirectory("four-dim")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lake = Lake(root: root)
        try fixture.write(to: lake)
        let report = try cleanse(lake)
        #expect(try rows(lake, "quarantine/prescriber").map { $0["rule"] } == [.string("state_known")])
        #expect(try rows(lake, "quarantine/drug").map { $0["rule"] } == [.string("required")])
        #expect(report.quality.count(.stateFIPS) == 1)
        // The fact's drug has no valid row: orphan.
        #expect(try rows(lake, "quarantine/prescriber_drug").map { $0["rule"] } == [.string("orphan")])
        #expect(report.quality.tables.map(\.source) == ["raw/prescriber_drug", "raw/state", "raw/drug", "raw/prescriber"])
        #expect(report.quality.tables.allSatisfy { $0.balances })
    }

    @Test func drugIDsDoNotDependOnSourceOrOrder() throws {
        // CSV path: spellings differ in case, whitespace and Unicode form.
        let csvRows = [
            F.good(npi: F.npiA, brand: "LIPITOR", generic: "ATORVASTATIN  CALCIUM"),
            F.good(npi: F.npiB, brand: "Zoloft", generic: "Sertraline\u{00A0}Hcl"),
            F.good(npi: F.npiC, brand: "Lipitor", generic: "Atorvastatin Calcium"),
        ]
        let a = temporaryDirectory("ids-csv"), b = temporaryDirectory("ids-pg")
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        try CMSRawFixture.write(csvRows, to: Lake(root: a))
        try cleanse(Lake(root: a))
        var fixture = T()
        fixture.prescribers = [T.prescriber(F.npiA), T.prescriber(F.npiB), T.prescriber(F.npiC)]
        fixture.drugs = [
            ["drug_id": .int32(900), "brand_name": .string("Zoloft"), "generic_name": .string("Sertraline Hcl")],
            ["drug_id": .int32(17), "brand_name": .string("Lipitor"), "generic_name": .string("Atorvastatin Calcium")],
        ]
        fixture.facts = [T.fact(F.npiA, drug: 17), T.fact(F.npiB, drug: 900), T.fact(F.npiC, drug: 17)]
        try fixture.write(to: Lake(root: b))
        try cleanse(Lake(root: b))
        let csvDrugs = try rows(Lake(root: a), "cleansed/drug"), pgDrugs = try rows(Lake(root: b), "cleansed/drug")
        #expect(csvDrugs.map { $0["drug_id"] } == pgDrugs.map { $0["drug_id"] })
        #expect(csvDrugs.count == 2)
        #expect(try rows(Lake(root: a), "cleansed/prescriber_drug").map { $0["drug_id"] } == rows(Lake(root: b), "cleansed/prescriber_drug").map { $0["drug_id"] })
        // The published spelling is the smallest; is_generic compares case-insensitively.
        let lipitor = csvDrugs.first { $0["brand_name"] == .string("LIPITOR") }
        #expect(lipitor?["generic_name"] == .string("ATORVASTATIN CALCIUM"))
        #expect(lipitor?["is_generic"] == .boolean(false))
    }
}
