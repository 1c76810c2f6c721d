import Foundation
import Testing

@testable import Disclosure

@Suite struct ProfileRedactionTests {
    func profile(_ columns: [[String: Any]]) -> [String: Any] { ["column_profiles": columns] }

    func column(_ redacted: [String: Any], _ i: Int = 0) -> [String: Any] {
        (redacted["column_profiles"] as! [Any])[i] as! [String: Any]
    }

    let benes: [String: Any] = [
        "name": "Tot_Benes", "count": 100, "min": 7, "max": 1648, "sum": 2107, "mean": 21.07, "std": 3.1, "zeros": 0, "negatives": 0,
        "quantiles": ["method": "exact_linear", "p1": 8.0, "p50": 20.0, "p99": 164.0] as [String: Any], "iqr": 18,
        "histogram": ["edges": [7.0, 9.2, 12.0, 16.0], "counts": [6, 50, 44]] as [String: Any],
        "log_histogram": ["edges": [7.0, 12.0, 1648.0], "counts": [56, 44]] as [String: Any],
        "top_values": [["value": "7", "count": 3] as [String: Any], ["value": "20", "count": 9]],
    ]

    @Test func beneficiaryColumnsLoseSumsAndSmallValues() {
        let p = ProfileRedaction(policy: .init(suppressBelow: 11, pseudonymized: false)).redact(profile([benes]), zone: "raw")
        let c = column(p)
        #expect(c["sum"] == nil && c["mean"] == nil && c["zeros"] == nil && c["negatives"] == nil)
        #expect(c["min"] is NSNull)
        #expect((c["max"] as? Int) == 1648)
        let q = c["quantiles"] as! [String: Any]
        #expect(q["p1"] is NSNull && (q["p50"] as? Double) == 20)
        let h = c["histogram"] as! [String: Any]
        #expect((h["edges"] as! [Double]) == [0, 12, 16])
        #expect((h["counts"] as! [NSNumber]).map(\.intValue) == [56, 44])
        #expect(c["log_histogram"] is NSNull)
        #expect((c["top_values"] as! [[String: Any]]).map { $0["value"] as! String } == ["20"])
        #expect((c["std"] as? Double) == 3.1)
        #expect(((p["disclosure"] as? [String: Any])?["suppress_below"] as? Int) == 11)
    }

    @Test func aHistogramEntirelyBelowTheThresholdBecomesOneBin() {
        var small = benes
        small["histogram"] = ["edges": [1.0, 4.0, 8.0], "counts": [3, 4]] as [String: Any]
        let h = column(ProfileRedaction(policy: .init(suppressBelow: 11, pseudonymized: false)).redact(profile([small]), zone: "raw"))["histogram"] as! [String: Any]
        #expect((h["edges"] as! [Double]) == [0, 11])
        #expect((h["counts"] as! [NSNumber]).map(\.intValue) == [7])
    }

    @Test func claimColumnsKeepTheirSum() {
        var claims = benes
        claims["name"] = "tot_clms"
        let c = column(ProfileRedaction(policy: .init(suppressBelow: 11, pseudonymized: false)).redact(profile([claims]), zone: "cleansed"))
        #expect((c["sum"] as? Int) == 2107 && c["min"] is NSNull)
    }

    @Test func pseudonymisingKeepsOnlyCountsOfRealIdentities() {
        let npi: [String: Any] = ["name": "Prscrbr_NPI", "count": 10, "min": 1003000142, "max": 1999999999, "mean": 1.5e9, "distinct": ["value": 10]]
        let name: [String: Any] = ["name": "Prscrbr_Last_Org_Name", "count": 10, "top_values": [["value": "Khalil", "count": 4] as [String: Any]]]
        let source: [String: Any] = ["name": "_source", "count": 10, "top_values": [["value": "MUP.csv", "count": 10] as [String: Any]],
                                     "shapes": [["value": "AAA.aaa", "count": 10] as [String: Any]]]
        let redaction = ProfileRedaction(policy: .init(suppressBelow: 11, pseudonymized: true))
        let raw = redaction.redact(profile([npi, name, source]), zone: "raw")
        #expect(column(raw, 0)["min"] == nil && column(raw, 0)["mean"] == nil && column(raw, 0)["distinct"] != nil)
        #expect(column(raw, 1)["top_values"] == nil)
        #expect(column(raw, 2)["top_values"] == nil && column(raw, 2)["shapes"] == nil)
        // Cleansed NPIs are pseudonyms by then: their figures stay.
        var pseudonyms = npi
        pseudonyms["name"] = "npi"
        pseudonyms["min"] = 2306610685573868427 as Int64
        #expect(column(redaction.redact(profile([pseudonyms]), zone: "cleansed"))["min"] != nil)
        // Without pseudonymisation the NPIs CMS publishes stay.
        #expect(column(ProfileRedaction(policy: .init(suppressBelow: 11, pseudonymized: false)).redact(profile([npi]), zone: "raw"))["min"] != nil)
    }

    @Test func flaggedColumnsOfRowLevelZonesLoseTheirExtremes() {
        let ge65: [String: Any] = ["name": "GE65_Tot_Drug_Cst", "min": 1.5, "max": 99999.0, "mean": 300.0, "top_values": [["value": "1.5", "count": 1] as [String: Any]]]
        let redaction = ProfileRedaction(policy: .init(suppressBelow: 11, pseudonymized: false))
        let raw = column(redaction.redact(profile([ge65]), zone: "raw"))
        #expect(raw["min"] == nil && raw["max"] == nil && raw["top_values"] == nil && (raw["mean"] as? Double) == 300)
        #expect(column(redaction.redact(profile([ge65]), zone: "cleansed"))["max"] != nil)
    }
}
