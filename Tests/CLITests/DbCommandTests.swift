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
