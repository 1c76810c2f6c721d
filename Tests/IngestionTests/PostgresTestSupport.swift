import Foundation
import PGTestSupport
import RxCore

@testable import Ingestion

/// A fresh database on the shared test cluster, with a connection to it.
func freshDatabase(_ prefix: String) throws -> (cluster: PGTestCluster, conninfo: String, connection: PostgresConnection) {
    let cluster = try PGTestCluster.shared()
    let name = try cluster.createDatabase(prefix)
    let conninfo = cluster.conninfo(database: name)
    return (cluster, conninfo, try PostgresConnection(conninfo))
}

/// Names of the tables in `schema`, sorted.
func tableNames(_ connection: PostgresConnection, schema: String = "public") throws -> [String] {
    try connection.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", parameters: [schema])
        .compactMap { $0[0] }
}

/// The package root, found from this file's path.
let packageDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The shipped sample (local_data/raw) loaded once per test process; suites share it read-only.
enum ShippedSampleDatabase {
    private static let state = Locked<Result<(conninfo: String, report: PostgresLoadReport), any Error>?>(nil)

    static func shared() throws -> (conninfo: String, report: PostgresLoadReport) {
        try state.withLock { value throws -> (conninfo: String, report: PostgresLoadReport) in
            if value == nil {
                value = Result {
                    let cluster = try PGTestCluster.shared()
                    let conninfo = cluster.conninfo(database: try cluster.createDatabase("shipped"))
                    let report = try PostgresLoader(options: PostgresLoadOptions(conninfo: conninfo))
                        .load(directory: packageDirectory + "/local_data/raw")
                    return (conninfo, report)
                }
            }
            return try value!.get()
        }
    }
}
