import Codecs
import Testing

@testable import Site

@Suite struct DownloadFilesTests {
    @Test func smallTablesStayOnePlainCSV() throws {
        let d = CSVExport.Download(table: "kpi_year", rows: 1, bytes: Array("year,claims\n2023,10\n".utf8))
        #expect(try DownloadFiles.files(for: d) == [.init(path: "data/kpi-year.csv", label: "kpi_year", rows: 1, bytes: d.bytes)])
    }

    @Test func largeTablesAreSplitByStateAndCompressed() throws {
        var text = "year,npi,display_name,state\n"
        var expected: [String: String] = ["AK": "year,npi,display_name,state\n", "WY": "year,npi,display_name,state\n"]
        for i in 0..<120_000 {
            let state = i % 3 == 0 ? "AK" : "WY"
            let row = "2023,\(1_000_000_000 + i),\"Smith, \"\"Jo\"\"\nline two\",\(state)\n"
            text += row
            expected[state]! += row
        }
        let d = CSVExport.Download(table: "prescriber_summary", rows: 120_000, bytes: Array(text.utf8))
        #expect(d.bytes.count > DownloadFiles.plainLimit)
        let files = try DownloadFiles.files(for: d)
        #expect(files.map(\.path) == ["data/prescriber-summary/ak.csv.gz", "data/prescriber-summary/wy.csv.gz"])
        #expect(files.map(\.rows) == [40_000, 80_000])
        for f in files {
            #expect(String(decoding: try Gzip.decompress(f.bytes), as: UTF8.self) == expected[f.label])
        }
        // Same input, same bytes.
        #expect(try DownloadFiles.files(for: d) == files)
    }

    @Test func aLargeTableWithoutStatesIsOneCompressedFile() throws {
        let text = "generic_name,claims\n" + String(repeating: "Atorvastatin Calcium,12345\n", count: 200_000)
        let files = try DownloadFiles.files(for: .init(table: "drug_trend", rows: 200_000, bytes: Array(text.utf8)))
        #expect(files.map(\.path) == ["data/drug-trend.csv.gz"])
        #expect(files[0].rows == 200_000)
        #expect(try Gzip.decompress(files[0].bytes) == Array(text.utf8))
    }
}
