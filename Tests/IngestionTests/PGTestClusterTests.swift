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
