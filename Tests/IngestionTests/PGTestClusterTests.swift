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
        // A private parent keeps this test away from real clusters in /tmp.
        let parent = temporaryDirectory("stale")
        defer { try? fileManager.removeItem(atPath: parent) }
        let cases: [(name: String, file: String, pid: Int32, removed: Bool)] = [
            ("pgtest.deadserver", "data/postmaster.pid", child.processIdentifier, true),
            ("pgtest.liveserver", "data/postmaster.pid", getpid(), false),
            ("pgtest.deadowner", "owner.pid", child.processIdentifier, true),
            ("pgtest.liveowner", "owner.pid", getpid(), false),
        ]
        for item in cases {
            try fileManager.createDirectory(atPath: "\(parent)/\(item.name)/data", withIntermediateDirectories: true)
            try "\(item.pid)\n".write(toFile: "\(parent)/\(item.name)/\(item.file)", atomically: true, encoding: .utf8)
        }
        try fileManager.createDirectory(atPath: "\(parent)/pgtest.fresh/data", withIntermediateDirectories: true)
        PGStaleClusters.remove(in: parent)
        for item in cases {
            #expect(fileManager.fileExists(atPath: "\(parent)/\(item.name)") == !item.removed, "\(item.name)")
        }
        #expect(fileManager.fileExists(atPath: "\(parent)/pgtest.fresh"))
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
