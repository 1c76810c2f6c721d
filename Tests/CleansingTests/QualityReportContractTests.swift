import Foundation
import Testing

@testable import Cleansing

/// `cleansed/quality.json` is read through the type that writes it: a renamed or missing field
/// is an error naming the file and the field, never a page of zeros (issue #23).
@Suite struct QualityReportContractTests {
    func file(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quality-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    let table = #"{"source":"raw/cms_prescriber_drug","target":"cleansed/prescriber_drug","raw":10,"cleansed":8,"quarantined":1,"duplicates_dropped":1}"#
    let example = #"{"table":"raw/cms_prescriber_drug","source":"a.csv","line":7,"message":"m","values":{"npi":"1","city":null}}"#

    @Test func aWrittenReportReadsBackEqual() throws {
        let json = #"{"format":"rxpipe-cleanse-quality","layout":"cms_wide","pseudonymized":false,"tables":[\#(table)],"rules":[{"id":"bad_npi","severity":"reject","description":"d","count":1,"examples":[\#(example)]}]}"#
        let path = try file(json)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try #require(try QualityReport.load(path: path))
        #expect(report.tables.first?.duplicatesDropped == 1)
        #expect(report.rules.first?.examples.first?.values["city"] == .some(nil))
        let again = try file(String(decoding: try report.encoded(), as: UTF8.self))
        defer { try? FileManager.default.removeItem(atPath: again) }
        #expect(try QualityReport.load(path: again) == report)
    }

    @Test func aMissingFieldIsNamedWithItsPath() throws {
        let json = #"{"format":"rxpipe-cleanse-quality","layout":"cms_wide","pseudonymized":false,"tables":[\#(table)],"rules":[{"id":"bad_npi","severity":"reject","description":"d","examples":[]}]}"#
        let path = try file(json)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: QualityReportError.unreadable(path: path, reason: "missing field rules[0].count")) { try QualityReport.load(path: path) }
    }

    @Test func anotherFormatIsRefused() throws {
        let json = #"{"format":"something-else","layout":"cms_wide","pseudonymized":false,"tables":[],"rules":[]}"#
        let path = try file(json)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: QualityReportError.unreadable(path: path, reason: "format is something-else, not rxpipe-cleanse-quality")) {
            try QualityReport.load(path: path)
        }
    }

    @Test func noFileIsNoReport() throws {
        #expect(try QualityReport.load(path: "/nonexistent/quality.json") == nil)
    }
}

