import Foundation
import Ingestion
import Lake
import PGTestSupport
import Testing

@testable import Cleansing

/// The CSV path and the PostgreSQL path over the shipped sample write byte-identical cleansed
/// tables: same part files, same SHA-256 per file, same content hash.
@Suite struct SourceIdentityTests {
    @Test func csvAndPostgresGiveIdenticalCleansedFiles() throws {
        let (csvLake, _) = try ShippedSample.cleansed(pseudonymize: false)

        let cluster = try PGTestCluster.shared()
        let conninfo = cluster.conninfo(database: try cluster.createDatabase("cleanse_identity"))
        _ = try PostgresLoader(options: PostgresLoadOptions(conninfo: conninfo)).load(directory: ShippedSample.directory)
        let root = temporaryDirectory("pg-identity")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let pgLake = Lake(root: root)
        _ = try RawPostgresIngest(lake: pgLake, options: PostgresSourceOptions(conninfo: conninfo, batchRows: 30_000)).run()
        let report = try cleanse(pgLake)
        #expect(report.layout == .fourTable)
        #expect(report.quality.tables.allSatisfy { $0.balances })

        for table in ["prescriber_drug", "prescriber", "drug", "state"] {
            let name = try Lake.TableName(zone: "cleansed", table: table)
            let a = try csvLake.manifest(name), b = try pgLake.manifest(name)
            #expect(a.rowCount == b.rowCount, "\(table) rows")
            #expect(a.files.map(\.path) == b.files.map(\.path), "\(table) files")
            #expect(a.files.map(\.sha256) == b.files.map(\.sha256), "\(table) file hashes")
            #expect(a.contentHash == b.contentHash, "\(table) content hash")
        }
    }
}
