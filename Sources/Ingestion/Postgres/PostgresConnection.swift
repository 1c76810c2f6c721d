import CLibPQ

/// One libpq connection. libpq connections are not thread-safe, so this class is not `Sendable`:
/// the compiler keeps each connection in one isolation domain.
///
/// Connection settings follow libpq's conventions (a `postgres://` URI or `key=value` string,
/// PG* environment variables, `.pgpass`); rxpipe never re-implements them.
public final class PostgresConnection {
    private let handle: OpaquePointer

    /// Connects with `conninfo` (empty: libpq's environment and defaults only).
    /// The corresponding C function is `PQconnectdb`.
    public init(_ conninfo: String) throws {
        var parseError: UnsafeMutablePointer<CChar>?
        if !conninfo.isEmpty, let options = PQconninfoParse(conninfo, &parseError) {
            PQconninfoFree(options)
        } else if let parseError {
            let reason = String(cString: parseError).trimmingTrailingWhitespace()
            PQfreemem(parseError)
            throw PostgresError.invalidConnectionString(reason: reason)
        }
        guard let handle = PQconnectdb(conninfo) else {
            throw PostgresError.invalidConnectionString(reason: "libpq could not allocate a connection")
        }
        self.handle = handle
        // Server NOTICEs would go to stderr unformatted; rxpipe logs what matters itself.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        guard PQstatus(handle) == CONNECTION_OK else {
            // All stored properties are set, so deinit runs and calls PQfinish.
            throw PostgresError.connectionFailed(endpoint: endpoint, reason: lastErrorMessage)
        }
    }

    deinit { PQfinish(handle) }

    /// Host, port, database and user as libpq resolved them (no password).
    public var endpoint: PostgresError.Endpoint {
        func text(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
        return .init(host: text(PQhost(handle)), port: text(PQport(handle)), database: text(PQdb(handle)), user: text(PQuser(handle)))
    }

    /// The server's version as an integer (150020 for 15.20).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Runs `sql` and returns its rows as text (nil for SQL NULL).
    /// The corresponding C function is `PQexec`.
    @discardableResult
    public func query(_ sql: String) throws -> [[String?]] {
        guard let result = PQexec(handle, sql) else { throw failure(nil) }
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

    /// Quotes an identifier (table, schema, column) for splicing into SQL.
    /// The corresponding C function is `PQescapeIdentifier`.
    public func quoteIdentifier(_ identifier: String) throws -> String {
        guard let escaped = PQescapeIdentifier(handle, identifier, identifier.utf8.count) else {
            throw PostgresError.statementFailed(sqlState: "22021", message: lastErrorMessage, detail: nil, hint: nil)
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    private var lastErrorMessage: String {
        String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
    }

    private func failure(_ result: OpaquePointer?) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let result, let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let fieldCode = { (c: Character) in Int32(c.asciiValue!) }
        return .statementFailed(
            sqlState: field(fieldCode("C")) ?? "",
            message: field(fieldCode("M")) ?? lastErrorMessage,
            detail: field(fieldCode("D")),
            hint: field(fieldCode("H")))
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
