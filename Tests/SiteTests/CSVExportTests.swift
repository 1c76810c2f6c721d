import Disclosure
import Lake
import Testing

@testable import Site

@Suite struct CSVExportTests {
    @Test func integersAreWrittenLikeSwiftPrintsThem() {
        for v: Int64 in [0, 7, -5, 10, 1_234_567_893, .max, .min] {
            var out: [UInt8] = []
            CSVExport.appendInteger(v, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(v))
        }
    }

    @Test func fixedPointNumbersAreWrittenExactly() {
        for cents: Int64 in [0, 5, -5, 100, 19_628_297, -1_234_567, .max, .min + 1] {
            var out: [UInt8] = []
            CSVExport.appendFixed(cents, decimals: 2, trimZeros: false, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == Cents.text(cents), "\(cents)")
        }
        for (units, expected) in [(7919 as Int64, "0.7919"), (5000, "0.5"), (10_000, "1"), (1, "0.0001"), (0, "0"),
                                  (-250, "-0.025"), (12_345, "1.2345")] {
            var out: [UInt8] = []
            CSVExport.appendFixed(units, decimals: 4, trimZeros: true, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == expected, "\(units)")
        }
    }

    @Test func textCellsAreQuotedAndFormulaSafe() {
        for (text, expected) in [("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("=SUM(A1)", "'=SUM(A1)"),
                                 ("-5 mg", "'-5 mg"), ("line\nbreak", "\"line\nbreak\""), ("@x,y", "\"'@x,y\"")] {
            var out: [UInt8] = []
            Array(text.utf8).withUnsafeBytes { CSVExport.appendText($0, to: &out) }
            #expect(String(decoding: out, as: UTF8.self) == expected, "\(text)")
        }
    }

    /// The per-prescriber download: no rank columns, shares to four decimals, and a row index
    /// whose per-state split equals parsing the CSV again.
    @Test func prescriberDownloadIsSlimAndIndexedByState() throws {
        let dir = try temporaryDirectory("csv-export")
        let lake = Lake(root: try CuratedFixture().write(to: dir + "/lake"))
        let downloads = try CSVExport.curatedTables(lake, policy: DisclosurePolicy(suppressBelow: 11, pseudonymized: false))
        let prescribers = try #require(downloads.first { $0.table == "prescriber_summary" })
        let text = String(decoding: prescribers.bytes, as: UTF8.self)
        let header = text.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        #expect(!header.contains("rank_in_state") && !header.contains("rank_in_type") && !header.contains("cost_per_claim"))
        #expect(header.contains("drug_cost") && header.contains("claims"))
        let shareColumn = try #require(header.firstIndex(of: "generic_claim_share"))
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if let dot = cells[shareColumn].firstIndex(of: ".") {
                #expect(cells[shareColumn][dot...].count <= 5, "\(cells[shareColumn])")
            }
        }
        let index = try #require(prescribers.rowIndex)
        #expect(index.rowEnds.count == prescribers.rows && index.rowEnds.last == prescribers.bytes.count)
        let byIndex = DownloadFiles.split(prescribers.bytes, by: index)
        let byParsing = DownloadFiles.split(prescribers.bytes, byColumn: "state")
        #expect(Set(byIndex.keys) == Set(byParsing.keys))
        let year = try #require(header.firstIndex(of: "year")), type = try #require(header.firstIndex(of: "prescriber_type"))
        let npi = try #require(header.firstIndex(of: "npi"))
        for (state, part) in byParsing {
            let mine = try #require(byIndex[state])
            let lines = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init) }
            // The same header and rows, ordered by year, specialty (byte order), then NPI.
            #expect(mine.rows == part.rows && lines(mine.bytes).first == lines(part.bytes).first, "\(state)")
            #expect(lines(mine.bytes).sorted() == lines(part.bytes).sorted(), "\(state)")
            let keys = lines(mine.bytes).dropFirst().map { line -> (Int, [UInt8], Int) in
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return (Int(cells[year])!, Array(cells[type].utf8), Int(cells[npi])!)
            }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { a, b in
                a.0 != b.0 ? a.0 < b.0 : a.1 != b.1 ? a.1.lexicographicallyPrecedes(b.1) : a.2 < b.2
            }, "\(state)")
        }
        // Tables without a state column carry no index.
        #expect(downloads.first { $0.table == "kpi_year" }?.rowIndex == nil)
    }
}
