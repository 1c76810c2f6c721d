import Foundation
import Lake
import Testing

@testable import Ingestion

@Suite struct FieldParsingTests {
    func parse<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test func integers() {
        #expect(parse("1003000142") { FieldParsing.int64($0) } == 1_003_000_142)
        #expect(parse("-12") { FieldParsing.int64($0) } == -12)
        #expect(parse("9223372036854775807") { FieldParsing.int64($0) } == Int64.max)
        for bad in ["1O5", "", "-", "12.0", " 12", "1,234", "99999999999999999999"] {
            #expect(parse(bad) { FieldParsing.int64($0) } == nil, "\(bad)")
        }
    }

    @Test func decimalsAreCorrectlyRounded() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let cents = Int64.random(in: 0...99_999_999_999, using: &random)
            let text = "\(cents / 100).\(String(format: "%02lld", cents % 100))"
            #expect(parse(text) { FieldParsing.double($0) } == Double(text)!, "\(text)")
        }
        for text in ["51.7", "0.05", "386", "-1234.56", "1e3", "0000.10", "123456789012345000.0", ".5"] {
            #expect(parse(text) { FieldParsing.double($0) } == Double(text)!, "\(text)")
        }
        // More than 15 significant digits would be rounded: rejected instead (issue #24).
        for bad in ["nan", "inf", "1.2.3", "12a", "", "-", "0x1p3", "1,5", "123456789012345678.5"] {
            #expect(parse(bad) { FieldParsing.double($0) } == nil, "\(bad)")
        }
    }
}

@Suite struct RawIngestTests {
    @Test func yearComesFromTheCMSFileName() {
        #expect(CMSWideLayout.year(fromFileName: "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv.zst") == 2022)
        #expect(CMSWideLayout.year(fromFileName: "partd.csv") == nil)
    }

    @Test func headerMatchesByNameInAnyOrderAndKeepsExtras() throws {
        var header = CMSWideLayout.columns.map { $0.name.uppercased() }.reversed().map { $0 }
        header.insert("Note", at: 3)
        let (targets, extras) = try RawCSVIngest.mapHeader(header, file: "f.csv")
        #expect(extras == ["Note"])
        #expect(targets[3] == nil)
        #expect(targets[0] == CMSWideLayout.columns.count - 1)
    }

    @Test func headerProblemsAreNamed() {
        #expect(throws: CSVError.missingColumns(file: "f.csv", columns: ["Tot_Drug_Cst"])) {
            try RawCSVIngest.mapHeader(CMSWideLayout.columns.map(\.name).filter { $0 != "Tot_Drug_Cst" }, file: "f.csv")
        }
        #expect(throws: CSVError.duplicateColumn(file: "f.csv", column: "tot_clms")) {
            try RawCSVIngest.mapHeader(CMSWideLayout.columns.map(\.name) + ["tot_clms"], file: "f.csv")
        }
        let semicolons = CMSWideLayout.columns.map(\.name).joined(separator: ";")
        #expect(throws: CSVError.notDelimited(file: "f.csv", header: semicolons)) {
            try RawCSVIngest.mapHeader([semicolons], file: "f.csv")
        }
    }

    @Test func rescueJSONEscapesEverything() throws {
        var rescue = RescueJSON()
        rescue.add(key: "Prscrbr_City", value: "a\"b\\c\nd\u{1}é")
        rescue.add(key: "_fields", number: 18)
        rescue.add(key: "_extra_fields", strings: ["x", "y,z"])
        let json = try JSONSerialization.jsonObject(with: Data(rescue.take())) as! [String: Any]
        #expect(json["Prscrbr_City"] as? String == "a\"b\\c\nd\u{1}é")
        #expect(json["_fields"] as? Int == 18)
        #expect(json["_extra_fields"] as? [String] == ["x", "y,z"])
        #expect(rescue.isEmpty)
    }

    @Test func ingestsTheSampleIntoTheRawZone() throws {
        let src = temporaryDirectory("ingest-src"), root = temporaryDirectory("ingest-lake")
        defer { for d in [src, root] { try? FileManager.default.removeItem(atPath: d) } }
        _ = try generate(rows: 4_000, years: 2021...2022, faults: 20, compression: .gzip, into: src)
        let ingest = RawCSVIngest(lake: Lake(root: root), files: try RawCSVIngest.sourceFiles(in: src), blockSize: 100_000, batchRows: 3_000)
        let (manifest, reports) = try ingest.run()
        #expect(manifest.rowCount == 8_040)
        #expect(manifest.partitionColumns == ["year"])
        #expect(reports.map(\.year) == [2021, 2022])
        #expect(reports.allSatisfy { $0.compression == "gzip" && $0.rescuedRows == 4 })
        // A second ingest of the same files gives the same content.
        let again = try RawCSVIngest(lake: Lake(root: root), files: try RawCSVIngest.sourceFiles(in: src), blockSize: 77_777, batchRows: 5_000).run()
        #expect(again.manifest.rowCount == manifest.rowCount)
        #expect(again.manifest.version == manifest.version + 1)
    }

    /// A field limit below the 1 KiB kept to show an oversized field used to read past the
    /// field (a trap in debug builds, an out-of-bounds read in release): issue #23.
    @Test func aFieldLimitBelowOneKiBRescuesLongFieldsWithoutReadingPastThem() throws {
        let src = temporaryDirectory("small-limit-src"), root = temporaryDirectory("small-limit-lake")
        defer { for d in [src, root] { try? FileManager.default.removeItem(atPath: d) } }
        _ = try generate(rows: 300, years: 2022...2022, faults: 0, compression: .none, into: src)
        let (manifest, reports) = try RawCSVIngest(lake: Lake(root: root), files: try RawCSVIngest.sourceFiles(in: src), maxFieldBytes: 16).run()
        #expect(manifest.rowCount == 300)
        #expect(reports.first?.rescuedRows ?? 0 > 0, "fields over 16 bytes are rescued, not loaded")
    }

    @Test func fileWithoutAYearIsRefused() throws {
        let src = temporaryDirectory("noyear")
        defer { try? FileManager.default.removeItem(atPath: src) }
        let path = src + "/partd.csv"
        try (SampleGenerator.header.joined(separator: ",") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: IngestError.unknownYear(file: path)) {
            try RawCSVIngest(lake: Lake(root: src + "/lake"), files: [path]).run()
        }
    }
}
