import Foundation
import Testing

@Suite struct TransformCommandTests {
    @Test func helpHasExamplesAndNamesTheNineTables() throws {
        let result = try rxpipe(["transform", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        for table in ["kpi_year", "drug_summary", "generic_summary", "state_summary", "specialty_summary", "prescriber_summary",
                      "top_prescribers_by_state", "state_drug", "drug_trend"] {
            #expect(result.stdout.contains(table), "help does not name \(table)")
        }
    }

    @Test func badWorkerCountIsAUsageError() throws {
        let result = try rxpipe(["transform", "--workers", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--workers must be between 1 and 64"))
    }

    @Test func missingCleansedZoneFailsWithExitOneAndSaysWhatToRun() throws {
        let dir = scratchDirectory("transform-empty")
        let result = try rxpipe(["transform", "-q"], environment: ["RXPIPE_LAKE_ROOT": dir + "/lake"])
        #expect(result.status == 1)
        #expect(result.stderr == "rxpipe: error: transform: cleansed/prescriber_drug is not committed; run `rxpipe cleanse` first\n")
    }
}
