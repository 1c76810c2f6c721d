import Foundation
import PGTestSupport
import Testing

@testable import Ingestion

@Suite struct PGTestClusterTests {
    @Test func sharedClusterAnswersOnItsPrivateSocket() throws {
        let cluster = try PGTestCluster.shared()
        #expect(cluster.base.hasPrefix("/tmp/pgtest."))
        #expect(FileManager.default.fileExists(atPath: "\(cluster.base)/.s.PGSQL.\(cluster.port)"))
        let connection = try PostgresConnection(cluster.conninfo())
        #expect(connection.serverVersion >= 120000)
        #expect(try connection.query("SHOW listen_addresses") == [[""]])
        #expect(try PGTestCluster.shared() === cluster)
    }

    @Test func separateClusterStartsAndStopsCleanly() throws {
        let cluster = try PGTestCluster.start(port: 54331)
        #expect(PostgresConnection.ping(cluster.conninfo()) == .ok)
        cluster.stop()
        #expect(!FileManager.default.fileExists(atPath: cluster.base))
        #expect(PostgresConnection.ping(cluster.conninfo()) == .noResponse)
    }
}

@Suite struct PGStaleClustersTests {
    @Test func removesDirectoriesWhosePostmasterIsGoneAndKeepsLiveOnes() throws {
        let fileManager = FileManager.default
        // A pid that surely is not running: a child that has exited and been reaped.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = "/tmp/pgtest.stale\(getpid())", live = "/tmp/pgtest.live\(getpid())"
        defer { for path in [dead, live] { try? fileManager.removeItem(atPath: path) } }
        for (path, pid) in [(dead, child.processIdentifier), (live, getpid())] {
            try fileManager.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
            try "\(pid)\n/tmp\n".write(toFile: path + "/data/postmaster.pid", atomically: true, encoding: .utf8)
        }
        PGStaleClusters.remove()
        #expect(!fileManager.fileExists(atPath: dead))
        #expect(fileManager.fileExists(atPath: live))
    }
}

@Suite struct PGBinariesTests {
    @Test func missingBinariesFailWithTheFix() throws {
        let empty = temporaryDirectory("nopg")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        do {
            _ = try PGBinaries.locate(environment: ["RXPIPE_PG_BIN": empty])
            Issue.record("found PostgreSQL binaries in an empty directory")
        } catch let error as PGTestClusterError {
            #expect(error.description == "PostgreSQL server binaries (initdb, postgres) not found in \(empty): run `make setup` to install them")
        }
        #expect(try PGBinaries.locate().hasSuffix("/bin"))
    }
}
