import Foundation
import Ingestion
import Lake
import Testing

@testable import Cleansing

@Suite struct ShippedSampleTests {
    @Test func reconcilesRawWithCleansedQuarantineAndDuplicates() throws {
        let (lake, report) = try ShippedSample.cleansed(pseudonymize: false)
        let raw = try lake.manifest(try .init(zone: "raw", table: "cms_prescriber_drug")).rowCount
        let t = report.quality.tables[0]
        #expect(t.raw == raw && raw == 150_075)
        #expect(t.raw == t.cleansed + t.quarantined + t.duplicatesDropped)
        #expect(try lake.manifest(try .init(zone: "cleansed", table: "prescriber_drug")).rowCount == t.cleansed)
        #expect(try lake.manifest(try .init(zone: "quarantine", table: "cms_prescriber_drug")).rowCount == t.quarantined)
        // The manifest records the same identity.
        let props = try lake.manifest(try .init(zone: "cleansed", table: "prescriber_drug")).properties ?? [:]
        let stored = try JSONDecoder().decode([Reconciliation].self, from: Data(props["rxpipe.cleanse.reconciliation"]!.utf8))
        #expect(stored == [t])
        // quality.json on disk is the report.
        let onDisk = try JSONDecoder().decode(QualityReport.self, from: Data(contentsOf: URL(fileURLWithPath: lake.root + "/cleansed/quality.json")))
        #expect(onDisk == report.quality)
    }

    @Test func everyInjectedFaultLandsUnderItsRule() throws {
        let (lake, report) = try ShippedSample.cleansed(pseudonymize: false)
        var quarantined: [String: String] = [:]
        for row in try rows(lake, "quarantine/cms_prescriber_drug") {
            quarantined["\(row["_source"]!)#\(row["_line"]!)"] = "\(row["rule"]!)"
        }
        var expectedCounts: [CleanseRule: Int] = [:]
        for (file, fault) in try ShippedSample.faults() {
            let at = "\(file)#\(fault.line)"
            let rule: CleanseRule
            switch fault.kind {
            case .badNPI: rule = .npiFormat
            case .negativeCost: rule = .nonNegative
            case .unknownState: rule = .prescriberConflict  // the NPI's other rows give its state
            case .nonNumericClaims, .raggedRow: rule = .rescued
            case .claimsBelowMinimum: rule = .claimsMin
            case .conflictingKey: rule = .conflictingKey
            case .duplicateRow: rule = .duplicateRow
            case .suppressedWithValue, .smallBeneficiaryCount: rule = .suppression
            }
            expectedCounts[rule, default: 0] += 1
            if rule.severity == .reject {
                #expect(quarantined[at] == rule.id, "\(fault.kind) at \(at)")
            } else {
                #expect(quarantined[at] == nil, "\(fault.kind) at \(at) is not quarantined")
                let lines = report.quality.rules.first { $0.id == rule.id }!.examples.map { "\($0.source)#\($0.line)" }
                if lines.count < RuleLedger.maxExamples { #expect(lines.contains(at), "\(fault.kind) at \(at) counted") }
            }
        }
        // Nothing but the faults breaks a reject rule (the generator writes clean rows otherwise).
        for rule in CleanseRule.allCases where rule.severity == .reject || rule.severity == .drop {
            #expect(report.quality.count(rule) == expectedCounts[rule, default: 0], "\(rule)")
        }
        #expect(report.quality.count(.suppression) >= expectedCounts[.suppression, default: 0])
    }

    @Test func cleansedRowsKeepEveryPromise() throws {
        let (lake, _) = try ShippedSample.cleansed(pseudonymize: false)
        let facts = try rows(lake, "cleansed/prescriber_drug")
        var keys = Set<String>()
        for row in facts {
            guard case .int64(let claims) = row["tot_clms"]!, case .int64(let npi) = row["npi"]! else { Issue.record("types"); return }
            #expect(claims >= 11)
            #expect(FactProcessor.validNPI(npi))
            #expect(keys.insert("\(row["year"]!)|\(npi)|\(row["drug_id"]!)").inserted, "one row per key")
            for c in ["tot_benes", "ge65_tot_benes"] { if case .int64(let v) = row[c]! { #expect(!(1...10).contains(v)) } }
        }
        let drugs = Set(try rows(lake, "cleansed/drug").map { $0["drug_id"]! })
        #expect(Set(facts.map { $0["drug_id"]! }) == drugs, "every drug is referenced and every reference resolves")
        let prescribers = try rows(lake, "cleansed/prescriber")
        #expect(Set(prescribers.map { "\($0["year"]!)|\($0["npi"]!)" }) == Set(facts.map { "\($0["year"]!)|\($0["npi"]!)" }))
        #expect(try rows(lake, "cleansed/state").count == 62)
    }
}
