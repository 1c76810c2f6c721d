import CLibPQ
import Foundation

/// One libpq connection. libpq connections are not thread-safe, so this class is not `Sendable`:
/// the compiler keeps each connection in one isolation domain.
///
/// Connection settings follow libpq's conventions (a `postgres://` URI or `key=value` string,
/// PG* environment variables, `.pgpass`); rxpipe never re-implements them.
public final class PostgresConnection {
    let handle: OpaquePointer

    /// Connects with `conninfo` (empty: libpq's environment and defaults only), once.
    /// The corresponding C function is `PQconnectdb`.
    public convenience init(_ conninfo: String) throws {
        try self.init(conninfo, retry: .none)
    }

    /// Connects with `conninfo`, retrying failed attempts as `retry` says. Authentication
    /// failures are not retried: a wrong password does not get better with time.
    public init(_ conninfo: String, retry: PostgresRetryPolicy, sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) throws {
        try Self.validate(conninfo)
        var attempt = 1
        while true {
            guard let handle = PQconnectdb(conninfo) else {
                throw PostgresError.invalidConnectionString(reason: "libpq could not allocate a connection")
            }
            if PQstatus(handle) == CONNECTION_OK {
                self.handle = handle
                break
            }
            let endpoint = Self.endpoint(of: handle)
            let reason = Self.errorMessage(of: handle)
            let authentication = PQconnectionNeedsPassword(handle) == 1 || reason.contains("authentication failed")
            PQfinish(handle)
            guard attempt <= retry.retries, !authentication else {
                throw PostgresError.connectionFailed(endpoint: endpoint, reason: reason, attempts: attempt)
            }
            sleep(retry.delay(beforeRetry: attempt))
            attempt += 1
        }
        // Server NOTICEs would go to stderr unformatted; rxpipe logs what matters itself.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Whether a server answers at `conninfo`, without authenticating.
    /// The corresponding C function is `PQping`.
    public static func ping(_ conninfo: String) -> PostgresPing {
        switch PQping(conninfo) {
        case PQPING_OK: return .ok
        case PQPING_REJECT: return .rejecting
        case PQPING_NO_RESPONSE: return .noResponse
        default: return .noAttempt
        }
    }

    /// Host, port, database and user as libpq resolved them (no password).
    public var endpoint: PostgresError.Endpoint { Self.endpoint(of: handle) }

    /// The server's version as an integer (150020 for 15.20).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Runs `sql` and returns its rows as text (nil for SQL NULL).
    /// The corresponding C function is `PQexec`.
    @discardableResult
    public func query(_ sql: String) throws -> [[String?]] {
        try rows(of: PQexec(handle, sql))
    }

    /// Runs `sql` with `$1`, `$2`, … bound to `parameters` as text, so values never need quoting.
    /// The corresponding C function is `PQexecParams`.
    @discardableResult
    public func query(_ sql: String, parameters: [String?]) throws -> [[String?]] {
        var owned: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { owned.forEach { free($0) } }
        let result = owned.withUnsafeMutableBufferPointer { values in
            values.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: values.count) {
                PQexecParams(handle, sql, Int32(parameters.count), nil, $0, nil, nil, 0)
            }
        }
        return try rows(of: result)
    }

    /// Runs statements whose result does not matter (DDL, SET, BEGIN…).
    public func execute(_ sql: String) throws { try query(sql) }

    /// Limits every following statement on this connection to `milliseconds` (0: no limit).
    public func setStatementTimeout(milliseconds: Int) throws {
        try execute("SET statement_timeout = \(max(0, milliseconds))")
    }

    /// Runs `body` inside `BEGIN <mode>` … `COMMIT`; any error rolls back and is rethrown.
    /// `mode` is fixed text such as `ISOLATION LEVEL REPEATABLE READ, READ ONLY`, never user input.
    public func transaction<T>(_ mode: String = "", _ body: () throws -> T) throws -> T {
        try execute(mode.isEmpty ? "BEGIN" : "BEGIN \(mode)")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            // The original error matters more than a failed rollback (e.g. a dead connection).
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// Quotes an identifier (table, schema, column) for splicing into SQL.
    /// The corresponding C function is `PQescapeIdentifier`.
    public func quoteIdentifier(_ identifier: String) throws -> String {
        // PostgreSQL truncates longer names to 63 bytes (NAMEDATALEN − 1), silently reaching
        // another table or column: refuse them instead.
        guard identifier.utf8.count <= Self.maxIdentifierBytes else {
            throw PostgresError.identifierTooLong(identifier: identifier, bytes: identifier.utf8.count)
        }
        guard let escaped = PQescapeIdentifier(handle, identifier, identifier.utf8.count) else {
            throw PostgresError.statementFailed(sqlState: "22021", message: lastErrorMessage, detail: nil, hint: nil)
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    /// The longest identifier PostgreSQL keeps whole.
    public static let maxIdentifierBytes = 63

    /// `"schema"."table"`, both parts quoted.
    public func qualifiedName(schema: String, table: String) throws -> String {
        "\(try quoteIdentifier(schema)).\(try quoteIdentifier(table))"
    }

    var lastErrorMessage: String { Self.errorMessage(of: handle) }

    /// The error of a failed result, with SQLSTATE, detail and hint.
    func failure(_ result: OpaquePointer?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        return .statementFailed(
            sqlState: field("C") ?? "", message: field("M") ?? lastErrorMessage, detail: field("D"), hint: field("H"))
    }
}

/// How often and how patiently to retry a failed connection attempt.
public struct PostgresRetryPolicy: Sendable, Equatable {
    /// Attempts after the first one.
    public var retries: Int
    /// Seconds before the first retry; each later wait is `multiplier` times longer.
    public var initialDelay: Double
    public var multiplier: Double

    public init(retries: Int, initialDelay: Double = 0.5, multiplier: Double = 2) {
        self.retries = max(0, retries)
        self.initialDelay = max(0, initialDelay)
        self.multiplier = max(1, multiplier)
    }

    public static let none = PostgresRetryPolicy(retries: 0)

    /// The wait before retry number `retry` (1-based).
    public func delay(beforeRetry retry: Int) -> Double {
        initialDelay * pow(multiplier, Double(max(0, retry - 1)))
    }
}

/// What `PQping` reports.
public enum PostgresPing: Sendable, Equatable {
    case ok, rejecting, noResponse, noAttempt
}

extension PostgresConnection {
    private static func validate(_ conninfo: String) throws {
        guard !conninfo.isEmpty else { return }
        var parseError: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(conninfo, &parseError) {
            PQconninfoFree(options)
        } else {
            let reason = parseError.map { String(cString: $0).trimmingTrailingWhitespace() } ?? "cannot parse"
            if let parseError { PQfreemem(parseError) }
            throw PostgresError.invalidConnectionString(reason: reason)
        }
    }

    private static func endpoint(of handle: OpaquePointer) -> PostgresError.Endpoint {
        func text(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
        return .init(host: text(PQhost(handle)), port: text(PQport(handle)), database: text(PQdb(handle)), user: text(PQuser(handle)))
    }

    private static func errorMessage(of handle: OpaquePointer) -> String {
        String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
    }

    /// Text rows of a finished result; frees it.
    private func rows(of result: OpaquePointer?) throws -> [[String?]] {
        guard let result else { throw failure(nil) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else { throw failure(result) }
        let rows = Int(PQntuples(result)), columns = Int(PQnfields(result))
        return (0..<rows).map { row in
            (0..<columns).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1
                    ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
        }
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
