import Foundation
import Testing

@Suite struct CleanseCommandTests {
    var sample: String { packageRoot.appendingPathComponent("local_data/raw").path }

    @Test func cleansesTheShippedSampleAfterIngest() throws {
        let dir = scratchDirectory("cleanse-sample")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["RXPIPE_LAKE_ROOT": dir + "/lake"]
        let ingest = try rxpipe(["ingest", "--source", sample, "-q"], environment: env)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let result = try rxpipe(["cleanse", "-q"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        // Line 1: the reconciliation of the fact table (the sample's 150,075 rows, 75 faults).
        let first = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("raw/cms_prescriber_drug → cleansed/prescriber_drug\traw 150075\tcleansed "))
        let fields = first.split(separator: "\t").compactMap { Int($0.split(separator: " ").last ?? "") }
        #expect(fields.count == 4 && fields[0] == fields[1] + fields[2] + fields[3])
        #expect(fields[2] > 0 && fields[3] > 0)
        // The sample's unknown-state rows take their NPI's state (prescriber_conflict, a warning).
        for rule in ["npi_format", "rescued", "claims_min", "non_negative", "prescriber_conflict", "conflicting_key", "duplicate_row", "suppression"] {
            #expect(result.stdout.contains("rule \(rule)\t"), "\(rule)")
        }
        for table in ["cleansed/prescriber_drug", "cleansed/prescriber", "cleansed/drug", "cleansed/state", "quarantine/cms_prescriber_drug"] {
            #expect(result.stdout.contains("\(table)\tversion 1\t"), "\(table)")
        }
        #expect(FileManager.default.fileExists(atPath: dir + "/lake/cleansed/quality.json"))
    }

    @Test func noRawTableIsAClearFailure() throws {
        let dir = scratchDirectory("cleanse-empty")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try rxpipe(["cleanse", "--lake", dir + "/lake"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cleanse: no raw table in \(dir)/lake"))
        #expect(result.stderr.contains("run `rxpipe ingest` first"))
    }

    @Test func pseudonymisingWithoutAKeyIsAUsageError() throws {
        let dir = scratchDirectory("cleanse-nokey")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["RXPIPE_LAKE_ROOT": dir + "/lake", "RXPIPE_PRIVACY_PSEUDONYMIZE": "true"]
        let result = try rxpipe(["cleanse"], environment: env)
        #expect(result.status == 2)
        #expect(result.stderr.contains("RXPIPE_PSEUDONYM_KEY is not set"))
    }

    @Test func helpListsTheRules() throws {
        let result = try rxpipe(["cleanse", "--help"])
        #expect(result.status == 0)
        for rule in ["npi_format (reject)", "duplicate_row (drop)", "suppression (fix)", "fills_vs_claims (warn)"] {
            #expect(result.stdout.contains(rule), "\(rule)")
        }
    }
}
