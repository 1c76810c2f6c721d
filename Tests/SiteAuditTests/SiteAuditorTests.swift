import Codecs
import Foundation
import Testing

@testable import SiteAudit

@Suite struct SiteAuditorTests {
    let open = SiteAuditor(rules: AuditRules(suppressBelow: 11, pseudonymized: false))

    func kinds(_ auditor: SiteAuditor, _ path: String, _ text: String) -> [AuditFinding.Kind] {
        auditor.findings(path: path, bytes: Array(text.utf8)).map(\.kind)
    }

    var pseudonymised: SiteAuditor {
        var identities = LakeIdentities()
        identities.npis = [1003000142]
        var seen = Set<[UInt8]>()
        identities.addName("Zoë D'Angelo", seen: &seen)
        identities.addName("Rashid Khalil", seen: &seen)
        identities.addSource("/data/MUP_DPR_RY26_P04_V10_DY24_NPIBN.csv")
        return SiteAuditor(rules: AuditRules(suppressBelow: 11, pseudonymized: true, identities: identities))
    }

    @Test func aCleanPageHasNoFinding() {
        let page = """
            <p>CMS suppresses counts of 1 to 10 beneficiaries.</p>
            <table><caption>Statistics of tot_benes</caption><thead><tr><th>Statistic</th><th>Value</th></tr></thead>
            <tbody><tr><td>Minimum</td><td>below 11 (suppressed)</td></tr><tr><td>Maximum</td><td>1,648</td></tr>
            <tr><td>P50 (exact)</td><td>20.00</td></tr></tbody></table>
            <img alt="Distribution of tot_benes. Distribution of 71.4K values from 0 to 1,648; the most frequent range is 0–27 with 68K.">
            <p>Tot_Benes=suppressed, Tot_Clms=24</p>
            """
        #expect(kinds(open, "eda/t.html", page) == [])
    }

    @Test func smallCountsBesideTheirColumnAreFound() {
        #expect(kinds(open, "quality.html", "<p>Tot_Benes=7, Tot_Clms=24</p>") == [.smallBeneficiaryCount])
        #expect(kinds(open, "a.js", #"var x = {"GE65_Tot_Benes": 3};"#) == [.smallBeneficiaryCount])
        #expect(kinds(open, "a.html", "<p>Tot_Clms is 7, below the minimum</p>") == [.smallClaimCount])
        #expect(kinds(open, "a.html", "<p>Tot_Benes of 7 published</p>") == [.smallBeneficiaryCount])
        // A drug whose name starts with "Benes" is no beneficiary column.
        #expect(kinds(open, "drugs.html", "<table><thead><tr><th>Drug</th><th>Claims</th></tr></thead><tbody><tr><td>Benesetron</td><td>7</td></tr></tbody></table><p>Benesetron 7 mg</p>") == [])
        // Compact and decimal figures are not counts.
        #expect(kinds(open, "a.html", "<p>Tot_Benes 7.5K rows</p>") == [])
    }

    @Test func statisticsAndDistributionsOfBeneficiariesAreChecked() {
        let stats = """
            <table><caption>Statistics of Tot_Benes</caption><thead><tr><th>Statistic</th><th>Value</th></tr></thead>
            <tbody><tr><td>Minimum</td><td>7</td></tr><tr><td>Sum</td><td>2,107,643</td></tr></tbody></table>
            """
        #expect(Set(kinds(open, "eda/raw.html", stats)) == [.smallBeneficiaryCount, .beneficiarySum])
        let bins = """
            <table><caption>Data: Distribution of Tot_Benes</caption><thead><tr><th>From</th><th>To</th><th>Rows</th></tr></thead>
            <tbody><tr><th>7</th><td>9.2</td><td>6</td></tr><tr><th>9.2</th><td>12</td><td>3</td></tr></tbody></table>
            """
        #expect(kinds(open, "eda/raw.html", bins) == [.smallBeneficiaryCount, .smallBeneficiaryCount, .smallBeneficiaryCount])
        #expect(kinds(open, "eda/raw.html", #"<img alt="Distribution of Tot_Benes. 71.4K values from 7 to 1,648">"#) == [.smallBeneficiaryCount])
    }

    @Test func flagsAndRemaindersInARowAreFound() {
        let cell = "<table><tbody><tr><td>GE65_Sprsn_Flag=*, GE65_Tot_Clms=24, Tot_Benes=30, GE65_Tot_Benes=25</td></tr></tbody></table>"
        #expect(Set(kinds(open, "quality.html", cell)) == [.flaggedValue, .derivableRemainder])
        let csv = "npi,Tot_Benes,GE65_Tot_Benes\n1,40,12\n2,35,33\n"
        #expect(kinds(open, "data/x.csv", csv) == [.derivableRemainder])
        #expect(kinds(open, "data/y.csv", "state,tot_benes\nAK,4\n") == [.smallBeneficiaryCount])
    }

    @Test func profileJSONIsReadValueByValue() {
        let json = """
            {"column_profiles": [{"name": "Tot_Benes", "min": 7, "sum": 100, "histogram": {"edges": [0, 12.5], "counts": [3]},
             "quantiles": {"method": "exact_linear", "p1": null, "p50": 20}},
             {"name": "tot_clms", "min": 11, "sum": 5000}]}
            """
        let findings = open.findings(path: "data/profiles/raw.json", bytes: Array(json.utf8))
        #expect(findings.map(\.kind) == [.beneficiarySum, .smallBeneficiaryCount])
        #expect(findings.allSatisfy { $0.line == 1 && $0.column > 1 })
    }

    @Test func identitiesAreFoundOnlyInAPseudonymisedSite() {
        let page = "<p>Zoë D&#39;Angelo (1003000142) in MUP_DPR_RY26_P04_V10_DY24_NPIBN.csv</p>"
        #expect(kinds(open, "p.html", page) == [])
        #expect(Set(kinds(pseudonymised, "p.html", page)) == [.realName, .realNPI, .sourceLocation])
        #expect(kinds(pseudonymised, "s.js", #"["Rashid Khalil","prescriber"]"#) == [.realName])
        #expect(kinds(pseudonymised, "s.js", #"["Zo\u00eb D\u0027Angelo"]"#) == [])  // an escaped letter is another word
        // Not an NPI: part of a decimal, of a longer number, or another number.
        #expect(kinds(pseudonymised, "d.csv", "a,b\n1003000142.5,41003000142\n2003000142,x\n") == [])
        // A name in other words is not that name; a first name alone is not a name.
        #expect(kinds(pseudonymised, "p.html", "<p>Rashid and Khalil; Rashid</p>") == [])
        #expect(kinds(pseudonymised, "q.html", "<table><thead><tr><th>Source</th><th>Line</th></tr></thead><tbody><tr><td>prescriber_drug</td><td>12</td></tr></tbody></table>") == [.sourceLocation])
        #expect(kinds(pseudonymised, "q.html", "<table><thead><tr><th>Source</th><th>Line</th></tr></thead><tbody><tr><td>withheld</td><td></td></tr></tbody></table>") == [])
    }

    @Test func compressedDownloadsAreReadAsWhatTheyHold() throws {
        let csv = try Gzip.compress(Array("state,tot_benes\nAK,40\nAL,4\n".utf8))
        #expect(open.findings(path: "data/x/ak.csv.gz", bytes: csv).map(\.description) == ["data/x/ak.csv.gz:3:1: small_beneficiary_count: column tot_benes = 4"])
        #expect(open.findings(path: "data/y.csv.gz", bytes: [1, 2, 3]).map(\.kind) == [.unreadable])
    }

    @Test func aDirectoryIsAuditedWithFileLineAndColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/eda", withIntermediateDirectories: true)
        try "<p>fine</p>\n<p>ok Tot_Benes=7</p>\n".write(toFile: dir + "/eda/a.html", atomically: true, encoding: .utf8)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: URL(fileURLWithPath: dir + "/chart.png"))
        let findings = try open.audit(directory: dir)
        #expect(findings.map(\.description) == ["eda/a.html:2:7: small_beneficiary_count: Tot_Benes 7"])
    }
}
