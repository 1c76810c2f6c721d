import Foundation
import PGTestSupport
import Testing

@testable import Ingestion

/// The libpq wrapper against a real server: COPY both ways, transactions, timeouts, retries,
/// authentication and identifier quoting.
@Suite struct PostgresCopyTests {
    @Test func copyInThenCopyOutRoundTripsAwkwardText() throws {
        let db = try freshDatabase("copy_roundtrip")
        try db.connection.execute("CREATE TABLE t (id integer, note text)")
        let loaded = try db.connection.copyIn("COPY t FROM STDIN") { writer in
            // Split mid-row on purpose: rows may span writes.
            try writer.write(Array("1\tSmith, \"Jr.\"\\ttab\n2\t\\N\n3\tMayag".utf8))
            try writer.write(Array("üez\\nnext line\n".utf8))
        }
        #expect(loaded == 3)
        var text: [UInt8] = []
        let rows = try db.connection.copyOut("COPY (SELECT id, note FROM t ORDER BY id) TO STDOUT") { text += $0 }
        #expect(rows == 3)
        #expect(String(decoding: text, as: UTF8.self) == "1\tSmith, \"Jr.\"\\ttab\n2\t\\N\n3\tMayagüez\\nnext line\n")
        #expect(try db.connection.query("SELECT note FROM t WHERE id = 1") == [["Smith, \"Jr.\"\ttab"]])
    }

    @Test func badCopyDataIsTheServersErrorAndTheConnectionRecovers() throws {
        let db = try freshDatabase("copy_bad")
        try db.connection.execute("CREATE TABLE t (n integer)")
        do {
            try db.connection.copyIn("COPY t FROM STDIN") { try $0.write(Array("1\nnotanumber\n".utf8)) }
            Issue.record("bad data loaded")
        } catch let error as PostgresError {
            guard case .statementFailed(let state, let message, _, _) = error else { throw error }
            #expect(state == "22P02")
            #expect(message.contains("notanumber"))
        }
        #expect(try db.connection.query("SELECT count(*) FROM t") == [["0"]])
    }

    @Test func aThrowingProducerAbortsTheCopy() throws {
        struct Stop: Error {}
        let db = try freshDatabase("copy_abort")
        try db.connection.execute("CREATE TABLE t (n integer)")
        #expect(throws: Stop.self) {
            try db.connection.copyIn("COPY t FROM STDIN") { writer in
                try writer.write(Array("1\n2\n".utf8))
                throw Stop()
            }
        }
        #expect(try db.connection.query("SELECT count(*) FROM t") == [["0"]])
    }

    @Test func aThrowingConsumerCancelsCopyOut() throws {
        struct Stop: Error {}
        let db = try freshDatabase("copy_cancel")
        var chunks = 0
        #expect(throws: Stop.self) {
            try db.connection.copyOut("COPY (SELECT generate_series(1, 1000000)) TO STDOUT") { _ in
                chunks += 1
                if chunks == 10 { throw Stop() }
            }
        }
        #expect(try db.connection.query("SELECT 1") == [["1"]])
    }

    @Test func binaryCopyDecodesEveryTypeLikeTheServerPrintsIt() throws {
        let db = try freshDatabase("copy_binary")
        let values = [
            "0", "0.00", "-0.01", "1234.50", "123456789012.34", "-999999999999.99", "40.1", "0.00001234",
            "10000", "99999999999999999999.5", "1e-20", "NaN", "Infinity", "-Infinity", "3.14159265358979323846",
        ]
        try db.connection.execute("CREATE TABLE n (i serial, v numeric, m numeric(14,2), b bigint, t text)")
        for value in values {
            // numeric(14,2) holds plain values below 10^12; it rounds to cents.
            let money = value.allSatisfy { "-0123456789.".contains($0) } && abs(Double(value)!) < 1e12 ? value : nil
            try db.connection.query(
                "INSERT INTO n (v, m, b, t) VALUES ($1::numeric, $2::numeric, -9007199254740993, $1)", parameters: [value, money])
        }
        try db.connection.query("INSERT INTO n (v, m, b, t) VALUES (NULL, NULL, NULL, NULL)")
        let expected = try db.connection.query("SELECT v::text, m::text, b::text, t FROM n ORDER BY i")
        var decoder = PGBinaryCopyDecoder(expectedFieldCount: 4, context: "n")
        struct TextSink: PGBinaryCopySink {
            var rows: [[String?]] = []
            mutating func beginTuple(fieldCount: Int) throws { rows.append([]) }
            mutating func field(_ index: Int, _ bytes: UnsafeRawBufferPointer?) throws {
                guard let bytes else { return rows[rows.count - 1].append(nil) }
                switch index {
                case 0, 1: rows[rows.count - 1].append(try PGBinaryValue.numericText(bytes))
                case 2: rows[rows.count - 1].append(String(try PGBinaryValue.int8(bytes)))
                default: rows[rows.count - 1].append(try PGBinaryValue.text(bytes))
                }
            }
            mutating func endTuple() throws {}
        }
        var sink = TextSink()
        try db.connection.copyOut("COPY (SELECT v, m, b, t FROM n ORDER BY i) TO STDOUT (FORMAT binary)") {
            try decoder.feed($0, into: &sink)
        }
        try decoder.finish()
        #expect(sink.rows == expected)
        // Money columns come back as exact decimals.
        #expect(sink.rows[4][1] == "123456789012.34")
    }

    @Test func transactionsCommitOrRollBack() throws {
        struct Stop: Error {}
        let db = try freshDatabase("transactions")
        try db.connection.execute("CREATE TABLE t (n integer)")
        try db.connection.transaction { try db.connection.execute("INSERT INTO t VALUES (1)") }
        #expect(throws: Stop.self) {
            try db.connection.transaction {
                try db.connection.execute("INSERT INTO t VALUES (2)")
                throw Stop()
            }
        }
        #expect(try db.connection.query("SELECT n FROM t") == [["1"]])
    }

    @Test func statementTimeoutCancelsSlowStatements() throws {
        let db = try freshDatabase("timeout")
        try db.connection.setStatementTimeout(milliseconds: 100)
        do {
            try db.connection.execute("SELECT pg_sleep(5)")
            Issue.record("pg_sleep(5) finished despite the timeout")
        } catch let error as PostgresError {
            guard case .statementFailed(let state, _, _, _) = error else { throw error }
            #expect(state == "57014")
        }
    }

    @Test func refusedConnectionsAreRetriedWithBackoffThenNamed() throws {
        let cluster = try PGTestCluster.shared()
        var waits: [Double] = []
        // The right socket directory, but a port no server listens on.
        let conninfo = "host=\(cluster.base) port=1 user=postgres dbname=lake"
        do {
            _ = try PostgresConnection(conninfo, retry: PostgresRetryPolicy(retries: 2, initialDelay: 0.01)) { waits.append($0) }
            Issue.record("connected to a port where nothing listens")
        } catch let error as PostgresError {
            guard case .connectionFailed(let endpoint, let reason, let attempts) = error else { throw error }
            #expect(attempts == 3)
            #expect(endpoint.port == "1")
            #expect(endpoint.database == "lake")
            #expect(reason.contains("No such file or directory") || reason.contains("refused"))
            #expect(error.description.hasPrefix("postgres: cannot connect (host \(cluster.base), port 1, database lake, user postgres) after 3 attempts: "))
        }
        #expect(waits == [0.01, 0.02])
    }

    @Test func wrongPasswordIsNamedOnceAndNeverShown() throws {
        let cluster = try PGTestCluster.shared()
        try cluster.createPasswordRole(password: "right-horse-battery")
        let role = PGTestCluster.passwordRole
        var waits: [Double] = []
        do {
            _ = try PostgresConnection(
                cluster.conninfo(user: role) + " password=wrong-staple", retry: PostgresRetryPolicy(retries: 3)) { waits.append($0) }
            Issue.record("connected with a wrong password")
        } catch let error as PostgresError {
            guard case .connectionFailed(let endpoint, let reason, let attempts) = error else { throw error }
            #expect(reason.contains("password authentication failed for user \"\(role)\""))
            #expect(attempts == 1)
            #expect(endpoint.user == role)
            #expect(!error.description.contains("wrong-staple"))
        }
        #expect(waits.isEmpty)
        let connection = try PostgresConnection(cluster.conninfo(user: role) + " password=right-horse-battery")
        #expect(try connection.query("SELECT current_user") == [[role]])
    }

    @Test func hostileIdentifiersAreQuotedNotExecuted() throws {
        let db = try freshDatabase("hostile")
        let hostile = "x\"; DROP TABLE y; --"
        try db.connection.execute("CREATE TABLE y (n integer)")
        let quoted = try db.connection.quoteIdentifier(hostile)
        #expect(quoted == "\"x\"\"; DROP TABLE y; --\"")
        try db.connection.execute("CREATE TABLE \(quoted) (n integer)")
        #expect(try tableNames(db.connection) == [hostile, "y"])
        // A name PostgreSQL would truncate onto another one (63-byte prefix) is refused.
        let prefix = String(repeating: "t", count: 63)
        try db.connection.execute("CREATE TABLE \(try db.connection.quoteIdentifier(prefix)) (n integer)")
        #expect(throws: PostgresError.identifierTooLong(identifier: prefix + "x", bytes: 64)) {
            _ = try db.connection.quoteIdentifier(prefix + "x")
        }
    }
}
