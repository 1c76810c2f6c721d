import Foundation
import PGTestSupport
import Testing

/// `rxpipe db load` and `rxpipe db read` against the test cluster.
@Suite struct DbCommandTests {
    @Test func helpHasExamples() throws {
        for command in [["db", "load"], ["db", "read"]] {
            let result = try rxpipe(command + ["--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Examples:"), "\(command) --help has no examples")
        }
    }

    @Test func loadsReportsSkippedRowsAndReadsBack() throws {
        let dir = scratchDirectory("dbload")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sample = try rxpipe(["sample", "--rows", "400", "--years", "2022", "--faults", "10", "--out", dir + "/raw", "--quiet"])
        #expect(sample.status == 0)
        let cluster = try PGTestCluster.shared()
        let url = cluster.conninfo(database: try cluster.createDatabase("cli_load"))
        let load = try rxpipe(["db", "load", "--to", url, "--from", dir + "/raw", "--quiet"], in: dir)
        #expect(load.status == 0, "\(load.stderr)")
        let file = dir + "/raw/MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"
        // 10 faults in rotation: one ragged row and one non-numeric Tot_Clms cannot be loaded.
        #expect(load.stdout.contains("\(file)\tyear 2022\t410 rows read\t408 loaded\t2 skipped"), "\(load.stdout)")
        #expect(load.stdout.contains("skipped: \(file) line "))
        #expect(load.stdout.contains("table prescriber_drug: 408 rows"))
        let read = try rxpipe(["db", "read", "--from", url, "--quiet"], in: dir)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("prescriber_drug\t408 rows\t"))
        #expect(read.stdout.contains("state\t62 rows\t"))
    }

    /// The rows db load could not load are not lost: the run that reads the database quarantines
    /// them as `load_rejected` with their CMS file and line, its reconciliation counts them, and
    /// the site's quality page shows them (issue #21 item 6).
    @Test func loadRejectsAreQuarantinedAndCountedByTheRun() throws {
        let dir = scratchDirectory("dbrejects")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try rxpipe(["sample", "--rows", "400", "--years", "2022", "--faults", "10", "--out", dir + "/raw", "--quiet"]).status == 0)
        let cluster = try PGTestCluster.shared()
        let url = cluster.conninfo(database: try cluster.createDatabase("cli_rejects"))
        #expect(try rxpipe(["db", "load", "--to", url, "--from", dir + "/raw", "--quiet"], in: dir).status == 0)
        // Loading again replaces the year's rejects instead of adding to them.
        #expect(try rxpipe(["db", "load", "--to", url, "--from", dir + "/raw", "--quiet"], in: dir).status == 0)
        let environment = ["RXPIPE_SOURCE_KIND": "postgres", "RXPIPE_SOURCE_URL": url, "RXPIPE_LAKE_ROOT": dir + "/lake",
                           "RXPIPE_SITE_DIR": dir + "/site", "RXPIPE_QUALITY_MAX_RULE_SHARE": "0.5", "RXPIPE_QUALITY_MAX_QUARANTINE_SHARE": "0.5"]
        let run = try rxpipe(["run", "--quiet"], environment: environment, in: dir)
        #expect(run.status == 0, "\(run.stderr)")

        let quality = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/lake/cleansed/quality.json"))) as! [String: Any]
        let rules = quality["rules"] as! [[String: Any]]
        let rejected = try #require(rules.first { $0["id"] as? String == "load_rejected" })
        #expect(rejected["count"] as? Int == 2)
        let examples = rejected["examples"] as! [[String: Any]]
        #expect(examples.map { $0["source"] as? String } == ["MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv", "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"])
        #expect(examples.allSatisfy { ($0["line"] as? Int ?? 0) > 1 && ($0["message"] as? String ?? "").contains("rxpipe db load could not load") })
        let facts = (quality["tables"] as! [[String: Any]]).first { $0["source"] as? String == "raw/prescriber_drug" }!
        // Every record of the file: 408 loaded + 2 rejected = cleansed + quarantined + duplicates.
        #expect(facts["raw"] as? Int == 410)
        #expect((facts["cleansed"] as! Int) + (facts["quarantined"] as! Int) + (facts["duplicates_dropped"] as! Int) == 410)

        let site = try String(contentsOfFile: dir + "/site/quality.html", encoding: .utf8)
        #expect(site.contains("load_rejected"))
        #expect(site.contains("MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"))
    }

    @Test func connectionFailuresExitOneWithoutThePassword() throws {
        let dir = scratchDirectory("dbfail")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try rxpipe(
            ["db", "load", "--to", "postgres://rx:s3cret-pw@127.0.0.1:1/cms?connect_timeout=2", "--from", packageRoot.path + "/local_data/raw", "--retries", "1", "--retry-delay", "0.01"],
            in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("rxpipe: error: postgres: cannot connect (host 127.0.0.1, port 1, database cms, user rx) after 2 attempts: "))
        #expect(!result.stderr.contains("s3cret-pw") && !result.stdout.contains("s3cret-pw"))
    }
}
