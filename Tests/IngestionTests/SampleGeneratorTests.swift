import Codecs
import Foundation
import RxCore
import Testing

@testable import Ingestion

@Suite struct SampleGeneratorTests {
    @Test func namesFilesLikeCMS() {
        #expect(SampleGenerator.fileStem(year: 2022) == "MUP_DPR_RY24_P04_V10_DY22_NPIBN")
        #expect(SampleGenerator.fileStem(year: 2013) == "MUP_DPR_RY15_P04_V10_DY13_NPIBN")
    }

    @Test func sameArgumentsGiveSameBytesWhateverTheChunking() throws {
        let a = temporaryDirectory("det-a"), b = temporaryDirectory("det-b")
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let first = try generate(rows: 6_000, years: 2021...2022, faults: 30, chunkSize: 2_048, into: a)
        let second = try generate(rows: 6_000, years: 2021...2022, faults: 30, chunkSize: 7, into: b)
        #expect(first.map(\.faults) == second.map(\.faults))
        for (x, y) in zip(first, second) {
            #expect(FileManager.default.contentsEqual(atPath: x.path, andPath: y.path))
        }
        let other = temporaryDirectory("det-c")
        defer { try? FileManager.default.removeItem(atPath: other) }
        let reseeded = try generate(rows: 6_000, years: 2021...2022, seed: 8, faults: 30, into: other)
        #expect(!FileManager.default.contentsEqual(atPath: first[0].path, andPath: reseeded[0].path))
    }

    @Test func writesTheExactHeaderAndRowCount() throws {
        let dir = temporaryDirectory("header")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try generate(rows: 3_000, faults: 12, into: dir)[0]
        let text = try String(contentsOfFile: report.path, encoding: .utf8)
        let firstLine = text.prefix { $0 != "\n" }
        #expect(
            firstLine
                == "Prscrbr_NPI,Prscrbr_Last_Org_Name,Prscrbr_First_Name,Prscrbr_City,Prscrbr_State_Abrvtn,Prscrbr_State_FIPS,Prscrbr_Type,Prscrbr_Type_Src,Brnd_Name,Gnrc_Name,Tot_Clms,Tot_30day_Fills,Tot_Day_Suply,Tot_Drug_Cst,Tot_Benes,GE65_Sprsn_Flag,GE65_Tot_Clms,GE65_Tot_30day_Fills,GE65_Tot_Drug_Cst,GE65_Tot_Day_Suply,GE65_Bene_Sprsn_Flag,GE65_Tot_Benes"
        )
        #expect(report.rows == 3_012)
        #expect(parseCSV(text).count == 3_013)
        #expect(text.hasSuffix("\n"))
    }

    @Test func goodRowsKeepCMSInvariants() throws {
        let dir = temporaryDirectory("invariants")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try generate(rows: 20_000, years: 2022...2022, into: dir)[0]
        let records = parseCSV(try String(contentsOfFile: report.path, encoding: .utf8)).dropFirst()
        var seenNPIs = Set<String>(), lastNPI = ""
        var keys = Set<String>()
        for record in records {
            #expect(record.count == 22)
            let npi = record[0]
            #expect(NPI.isValid(npi), "NPI \(npi)")
            if npi != lastNPI {
                #expect(!seenNPIs.contains(npi), "rows of \(npi) are not grouped")
                #expect(npi > lastNPI, "NPIs out of order")
                seenNPIs.insert(npi)
                lastNPI = npi
            }
            #expect(keys.insert("\(npi)|\(record[8])|\(record[9])").inserted, "duplicate key")
            #expect(StateReference.info(record[4]) != nil)
            #expect(record[5] == StateReference.info(record[4])!.fips)
            let claims = Int(record[10])!, fills = Double(record[11])!
            #expect(claims >= 11)
            #expect(fills >= Double(claims))
            #expect(Int(record[12])! > 0)
            #expect(Double(record[13])! > 0)
            if let benes = Int(record[14]) { #expect(benes >= 11) } else { #expect(record[14].isEmpty) }
            // The 65+ claims block: a flag blanks all four values; no flag means publishable values.
            if record[15].isEmpty {
                let elderly = Int(record[16])!
                #expect(!(1...10).contains(elderly) && !(1...10).contains(claims - elderly))
                #expect(elderly <= claims)
            } else {
                #expect(["*", "#"].contains(record[15]))
                #expect(record[16...19].allSatisfy { $0.isEmpty })
            }
            if record[20].isEmpty {
                #expect(Int(record[21]) != nil)
                #expect(!(1...10).contains(Int(record[21])!))
            } else {
                #expect(["*", "#"].contains(record[20]))
                #expect(record[21].isEmpty)
            }
        }
    }

    @Test func eachFaultBreaksItsRule() throws {
        let dir = temporaryDirectory("faults")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try generate(rows: 5_000, faults: 40, into: dir)[0]
        #expect(report.faults.count == 40)
        #expect(Set(report.faults.map(\.kind)) == Set(SampleFaultKind.allCases))
        let records = parseCSV(try String(contentsOfFile: report.path, encoding: .utf8))
        for fault in report.faults {
            let row = records[fault.line - 1], previous = records[fault.line - 2]
            switch fault.kind {
            case .badNPI: #expect(!NPI.isValid(row[0]))
            case .negativeCost: #expect(Double(row[13])! < 0)
            case .unknownState: #expect(row[4] == "QQ")
            case .nonNumericClaims: #expect(Int(row[10]) == nil)
            case .duplicateRow: #expect(row == previous)
            case .suppressedWithValue: #expect(row[15] == "*" && !row[16].isEmpty)
            case .raggedRow: #expect(row.count == 18)
            case .claimsBelowMinimum: #expect(Int(row[10])! < 11)
            case .conflictingKey:
                #expect(row[0] == previous[0] && row[8] == previous[8] && row[9] == previous[9])
                #expect(row[10] != previous[10])
            case .smallBeneficiaryCount: #expect(row[14] == "7")
            }
        }
    }

    @Test func distributionsLookLikeTheRealFile() throws {
        let dir = temporaryDirectory("shape")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try generate(rows: 40_000, into: dir)[0]
        let records = parseCSV(try String(contentsOfFile: report.path, encoding: .utf8)).dropFirst()
        var claimsByGeneric: [String: Int] = [:], rowsByState: [String: Int] = [:]
        var blankBenes = 0, genericRows = 0
        for record in records {
            claimsByGeneric[record[9], default: 0] += Int(record[10])!
            rowsByState[record[4], default: 0] += 1
            if record[14].isEmpty { blankBenes += 1 }
            if record[8] == record[9] { genericRows += 1 }
        }
        let prescribers = Set(records.map { $0[0] }).count
        // ~1.1 M prescribers per 25 M rows.
        #expect((1_300...2_300).contains(prescribers), "prescribers \(prescribers)")
        let top = claimsByGeneric.sorted { $0.value > $1.value }.prefix(3).map(\.key)
        #expect(top.contains("Atorvastatin Calcium"), "top generics \(top)")
        let share = Double(blankBenes) / Double(records.count)
        #expect((0.4...0.7).contains(share), "blank Tot_Benes share \(share)")
        #expect((0.55...0.85).contains(Double(genericRows) / Double(records.count)))
        #expect(rowsByState.max { $0.value < $1.value }?.key == "CA")
        let caShare = Double(rowsByState["CA"]!) / Double(records.count)
        #expect((0.08...0.16).contains(caShare), "CA share \(caShare)")  // 11.8 % of residents
        #expect(claimsByGeneric.count > 1_000)
        #expect(rowsByState.count > 45)
    }

    @Test func yearsDifferBelievably() throws {
        let dir = temporaryDirectory("years")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = try generate(rows: 15_000, years: 2021...2023, into: dir)
        func summary(_ path: String) throws -> (npis: Set<String>, cost: Double, semaglutide: Int) {
            let records = parseCSV(try String(contentsOfFile: path, encoding: .utf8)).dropFirst()
            return (
                Set(records.map { $0[0] }), records.reduce(0) { $0 + Double($1[13])! },
                records.filter { $0[9] == "Semaglutide" }.reduce(0) { $0 + Int($1[10])! }
            )
        }
        let first = try summary(reports[0].path), last = try summary(reports[2].path)
        #expect(last.cost > first.cost, "spending should grow")
        #expect(last.semaglutide > first.semaglutide, "GLP-1 claims should rise")
        let stayed = first.npis.intersection(last.npis).count
        #expect(stayed > first.npis.count / 2, "most prescribers continue")
        #expect(stayed < first.npis.count, "some prescribers leave")
        #expect(!last.npis.subtracting(first.npis).isEmpty, "some prescribers enter")
    }

    @Test func compressedFilesHoldTheSameCSV() throws {
        let plain = temporaryDirectory("plain"), zstd = temporaryDirectory("zst"), gzip = temporaryDirectory("gz")
        defer { for d in [plain, zstd, gzip] { try? FileManager.default.removeItem(atPath: d) } }
        let p = try generate(rows: 2_000, faults: 5, into: plain)[0]
        let z = try generate(rows: 2_000, faults: 5, compression: .zstd, into: zstd)[0]
        let g = try generate(rows: 2_000, faults: 5, compression: .gzip, into: gzip)[0]
        #expect(z.path.hasSuffix(".csv.zst") && g.path.hasSuffix(".csv.gz"))
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: p.path)))
        let zBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: z.path)))
        let sink = MemorySink()
        let decoder = try ZstdDecompressor(into: sink)
        try zBytes.withUnsafeBytes { try decoder.write($0) }
        try decoder.finish()
        #expect(sink.bytes == original)
        #expect(try Gzip.decompress([UInt8](try Data(contentsOf: URL(fileURLWithPath: g.path)))) == original)
        #expect(z.bytes < p.bytes / 3)
    }

    @Test func rejectsImpossibleOptions() {
        #expect(throws: SampleError.self) { try generate(rows: 0, into: "/tmp") }
        #expect(throws: SampleError.self) { try generate(rows: 10, faults: 11, into: "/tmp") }
        #expect(throws: SampleError.self) { try generate(rows: 10, years: 1990...1991, into: "/tmp") }
    }

    @Test func leavesNoPartialFileBehind() throws {
        let dir = temporaryDirectory("partial")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try generate(rows: 1_000, years: 2021...2022, into: dir)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == ["MUP_DPR_RY23_P04_V10_DY21_NPIBN.csv", "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"])
    }
}

@Suite struct ShippedSampleTests {
    /// The committed sample must be exactly what this machine's generator writes: proof that
    /// the same arguments give the same bytes on any machine.
    @Test func shippedSampleIsReproducibleByteForByte() throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../local_data/raw").standardized.path
        let dir = temporaryDirectory("shipped")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = try generate(rows: 50_000, years: 2021...2023, seed: 42, faults: 25, compression: .zstd, into: dir)
        for report in reports {
            let name = (report.path as NSString).lastPathComponent
            #expect(FileManager.default.contentsEqual(atPath: report.path, andPath: shipped + "/" + name), "\(name) differs")
        }
    }
}
