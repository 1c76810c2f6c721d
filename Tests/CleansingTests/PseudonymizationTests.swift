import Foundation
import Lake
import Testing

@testable import Cleansing

@Suite struct PseudonymizationTests {
    @Test func pseudonymsAreKeyedStableAndNeverNPIs() {
        let a = Pseudonymizer(key: Array("0123456789abcdef-one".utf8))
        let b = Pseudonymizer(key: Array("0123456789abcdef-two".utf8))
        let npi = CMSRawFixture.npiA
        #expect(a.pseudonym(npi) == a.pseudonym(npi))
        #expect(a.pseudonym(npi) == a.pseudonym(text: String(npi)))
        #expect(a.pseudonym(npi) != b.pseudonym(npi))
        #expect(a.pseudonym(npi) >= 1 << 61)
        #expect(a.pseudonym(npi) != a.pseudonym(CMSRawFixture.npiB))
    }

    @Test func aMissingOrShortKeyIsAnError() throws {
        #expect(throws: CleanseError.missingPseudonymKey(variable: "RXPIPE_PSEUDONYM_KEY")) { try Pseudonymizer.fromEnvironment([:]) }
        #expect(throws: CleanseError.weakPseudonymKey(variable: "RXPIPE_PSEUDONYM_KEY", bytes: 5)) {
            try Pseudonymizer.fromEnvironment(["RXPIPE_PSEUDONYM_KEY": "short"])
        }
        let root = temporaryDirectory("nokey")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try CMSRawFixture.write([CMSRawFixture.good()], to: Lake(root: root))
        #expect(throws: CleanseError.missingPseudonymKey(variable: "RXPIPE_PSEUDONYM_KEY")) {
            try Cleanser(lake: Lake(root: root), options: CleanseOptions(pseudonymize: true, environment: [:])).run()
        }
        #expect(try Lake(root: root).tables(zone: "cleansed").isEmpty, "nothing committed")
    }

    @Test func namesAreDroppedAndNPIsReplaced() throws {
        var bad = CMSRawFixture.good(npi: CMSRawFixture.npiB)
        bad["Prscrbr_NPI"] = .int64(CMSRawFixture.npiB + 1)
        let root = temporaryDirectory("pseudo")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lake = Lake(root: root)
        try CMSRawFixture.write([CMSRawFixture.good(), bad], to: lake)
        try cleanse(lake, pseudonymize: true)
        let p = try rows(lake, "cleansed/prescriber")
        #expect(p.count == 1)
        #expect(p[0]["last_org_name"] == .null && p[0]["first_name"] == .null)
        guard case .int64(let pseudonym) = p[0]["npi"]! else { Issue.record("npi type"); return }
        #expect(pseudonym >= 1 << 61)
        #expect(try rows(lake, "cleansed/prescriber_drug").map { $0["npi"] } == [.int64(pseudonym)])
        let q = try rows(lake, "quarantine/cms_prescriber_drug")
        #expect(q.count == 1)
        #expect(q[0]["Prscrbr_Last_Org_Name"] == .null && q[0]["Prscrbr_First_Name"] == .null)
        #expect(q[0]["Prscrbr_NPI"] != .string(String(CMSRawFixture.npiB + 1)))
    }

    /// No original NPI or prescriber name appears anywhere in the cleansed zone or quarantine:
    /// not among the decoded values of any Parquet file, not in the raw bytes of any file
    /// (Parquet footers and statistics, manifests, quality.json).
    @Test func noOriginalNPIOrNameLeaksIntoTheCleansedZone() throws {
        let (lake, report) = try ShippedSample.cleansed(pseudonymize: true)
        #expect(report.quality.pseudonymized)
        // What must not appear: every NPI and name of the raw table, and NPI text in _rescued.
        var npis = Set<Int64>(), names = Set<String>(), otherText = Set<String>()
        try lake.open(try .init(zone: "raw", table: "cms_prescriber_drug")).scan { b in
            for (i, f) in b.fields.enumerated() {
                let c = b.columns[i]
                for r in 0..<b.rowCount {
                    guard let t = c.text(at: r) else { continue }
                    switch f.name {
                    case "Prscrbr_NPI": npis.insert(Int64(t)!)
                    case "Prscrbr_Last_Org_Name", "Prscrbr_First_Name": names.insert(t)
                    default: otherText.insert(t)
                    }
                }
            }
        }
        #expect(npis.count > 1000 && names.count > 100)
        // Decoded values of every Parquet file under cleansed/ and quarantine/.
        var kept = Set<String>()
        var files: [String] = []
        for zone in ["cleansed", "quarantine"] {
            let base = lake.root + "/" + zone
            for path in FileManager.default.enumerator(atPath: base)!.compactMap({ $0 as? String }) { files.append(base + "/" + path) }
        }
        var decodedValues = 0
        for path in files where path.hasSuffix(".parquet") {
            try ParquetFile(path: path).scan { b in
                for c in b.columns {
                    for r in 0..<b.rowCount {
                        decodedValues += 1
                        switch c.value(at: r) {
                        case .int64(let v): #expect(!npis.contains(v), "NPI \(v) in \(path)")
                        case .string(let s):
                            kept.insert(s)
                            #expect(!names.contains(s) || otherText.contains(s), "name \(s) in \(path)")
                            for token in s.split(whereSeparator: { !$0.isNumber }) where token.count == 10 {
                                #expect(!npis.contains(Int64(token)!), "NPI text \(token) in \(path)")
                            }
                        default: break
                        }
                    }
                }
            }
        }
        #expect(decodedValues > 1_000_000)
        // Raw bytes: NPIs as digit runs, names that are not part of a value legitimately kept.
        let distinctive = names.filter { n in n.utf8.count >= 4 && !kept.contains { $0.contains(n) } && !otherText.contains { $0.contains(n) } }
        #expect(distinctive.count > 50)
        for path in files where !path.hasSuffix("_lock") {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            var run: [UInt8] = []
            for byte in data + [0] {
                if byte >= 0x30 && byte <= 0x39 { run.append(byte); continue }
                if run.count == 10, let v = Int64(String(decoding: run, as: UTF8.self)) { #expect(!npis.contains(v), "NPI \(v) in the bytes of \(path)") }
                run.removeAll(keepingCapacity: true)
            }
            for n in distinctive where data.range(of: Data(n.utf8)) != nil { Issue.record("name \(n) in the bytes of \(path)") }
            // NPIs as raw little-endian int64 (PLAIN encoding) in uncompressed parts such as statistics.
            data.withUnsafeBytes { raw in
                guard raw.count >= 8 else { return }
                for offset in 0...(raw.count - 8) {
                    let v = raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)
                    if v >= 1_000_000_000 && v <= 9_999_999_999 && npis.contains(v) { Issue.record("NPI \(v) as int64 bytes in \(path)") }
                }
            }
        }
    }
}
