import Foundation
import Testing

@testable import Ingestion

@Suite struct SampleOutliersTests {
    func run(outliers: Int, chunkSize: Int = 2_048, into dir: String) throws -> [SampleFileReport] {
        let options = SampleOptions(rows: 60_000, years: 2022...2022, seed: 7, outputDirectory: dir, compression: .none, faults: 0,
                                    outliers: outliers)
        return try SampleGenerator(options: options, chunkSize: chunkSize).run()
    }

    /// Rows by NPI (the first field; NPIs are never quoted).
    func rowsByNPI(_ path: String) throws -> [String: [[String]]] {
        let records = parseCSV(try String(contentsOfFile: path, encoding: .utf8)).dropFirst()
        return Dictionary(grouping: records, by: { $0[0] })
    }

    @Test func plantsOnlyTheListedPrescribersDeterministically() throws {
        let plain = temporaryDirectory("plain"), planted = temporaryDirectory("planted"), rechunked = temporaryDirectory("rechunked")
        defer { for d in [plain, planted, rechunked] { try? FileManager.default.removeItem(atPath: d) } }
        let a = try run(outliers: 0, into: plain)[0]
        let b = try run(outliers: 6, into: planted)[0]
        let c = try run(outliers: 6, chunkSize: 5, into: rechunked)[0]
        #expect(!FileManager.default.fileExists(atPath: plain + "/planted-outliers.tsv"))
        #expect(FileManager.default.contentsEqual(atPath: b.path, andPath: c.path))
        #expect(FileManager.default.contentsEqual(atPath: planted + "/planted-outliers.tsv", andPath: rechunked + "/planted-outliers.tsv"))
        #expect(b.outliers.count == 6 && a.outliers.isEmpty && a.rows == b.rows)
        #expect(b.outliers.map(\.kind) == [.costPerClaimHigh, .costPerClaimLow, .brandShareHigh, .costPerClaimHigh, .costPerClaimLow, .brandShareHigh])

        let tsv = try String(contentsOfFile: planted + "/planted-outliers.tsv", encoding: .utf8).split(separator: "\n")
        #expect(tsv.first == "year\tnpi\tprescriber_type\tstate\tkind\tmetric" && tsv.count == 7)
        let first = b.outliers[0]
        #expect(tsv[1] == "2022\t\(first.npi)\t\(first.prescriberType)\t\(first.state)\tcost_per_claim_high\tcost_per_claim")

        let before = try rowsByNPI(a.path), after = try rowsByNPI(b.path)
        let plantedNPIs = Set(b.outliers.map { String($0.npi) })
        for (npi, rows) in before where !plantedNPIs.contains(npi) { #expect(after[npi] == rows, "\(npi) changed") }
        for o in b.outliers {
            let old = before[String(o.npi)]!, new = after[String(o.npi)]!
            #expect(old.count >= 10 && new.count == old.count)
            #expect(new.allSatisfy { $0[6] == o.prescriberType && $0[4] == o.state })
            let oldCost = old.map { Double($0[13])! }, newCost = new.map { Double($0[13])! }
            switch o.kind {
            case .costPerClaimHigh:
                #expect(zip(oldCost, newCost).allSatisfy { abs($1 - $0 * 100) < 0.01 })
            case .costPerClaimLow:
                #expect(zip(oldCost, newCost).allSatisfy { abs($1 - max(0.01, $0 / 100)) < 0.01 })
            case .brandShareHigh:
                // Drugs with a brand version are written as the brand (its name differs from the generic name).
                let brands = { (rows: [[String]]) in rows.filter { $0[8].lowercased() != $0[9].lowercased() }.count }
                #expect(brands(new) > brands(old))
            }
        }
    }

    @Test func rejectsANegativeCount() {
        let options = SampleOptions(rows: 10, years: 2022...2022, seed: 1, outputDirectory: "/tmp/x", compression: .none, faults: 0, outliers: -1)
        #expect(throws: SampleError.invalidOptions("--outliers must not be negative")) { try SampleGenerator(options: options) }
    }
}
