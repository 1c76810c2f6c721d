/// A PostgreSQL failure, in libpq's and the server's own words.
///
/// Descriptions name the host, port and database but never a password: a password given in a
/// URI is not part of `Endpoint`.
public enum PostgresError: Error, Equatable, CustomStringConvertible {
    /// The connection attempt failed (refused, unknown host, authentication, missing database…);
    /// `attempts` is how many tries were made before giving up.
    case connectionFailed(endpoint: Endpoint, reason: String, attempts: Int = 1)
    /// The connection string itself is malformed.
    case invalidConnectionString(reason: String)
    /// A schema, table or column name longer than PostgreSQL keeps (63 bytes).
    case identifierTooLong(identifier: String, bytes: Int)
    /// A statement failed; `sqlState` is the SQLSTATE code (e.g. 42P01 for a missing table).
    case statementFailed(sqlState: String, message: String, detail: String?, hint: String?)
    /// A source table does not exist (checked in `information_schema` before reading).
    case missingTable(schema: String, table: String)
    /// A source table lacks columns rxpipe needs.
    case missingColumns(schema: String, table: String, columns: [String])
    /// A binary COPY stream did not have the shape PostgreSQL documents, or a value could not be
    /// decoded as its declared type. `context` names table and column where known.
    case unexpectedCopyData(context: String, reason: String)

    /// Where a connection was going, as libpq resolved it.
    public struct Endpoint: Equatable, Sendable, CustomStringConvertible {
        public var host: String
        public var port: String
        public var database: String
        public var user: String
        public var description: String { "host \(host), port \(port), database \(database), user \(user)" }
    }

    public var description: String {
        switch self {
        case .connectionFailed(let endpoint, let reason, let attempts):
            let tries = attempts > 1 ? " after \(attempts) attempts" : ""
            return "postgres: cannot connect (\(endpoint))\(tries): \(reason)"
        case .invalidConnectionString(let reason):
            return "postgres: invalid connection string: \(reason)"
        case .identifierTooLong(let identifier, let bytes):
            return "postgres: the name \"\(identifier.prefix(80))\" has \(bytes) bytes; PostgreSQL keeps only 63 and would read another table or column: use a shorter name"
        case .statementFailed(let state, let message, let detail, let hint):
            var text = "postgres: \(message) (SQLSTATE \(state))"
            if let detail { text += "; detail: \(detail)" }
            if let hint { text += "; hint: \(hint)" }
            return text
        case .missingTable(let schema, let table):
            return "postgres: table \(schema).\(table) does not exist (check source.schema and the source.*_table names)"
        case .missingColumns(let schema, let table, let columns):
            let noun = columns.count == 1 ? "column" : "columns"
            return "postgres: table \(schema).\(table) has no \(noun) \(columns.joined(separator: ", "))"
        case .unexpectedCopyData(let context, let reason):
            return "postgres: unexpected binary COPY data (\(context)): \(reason)"
        }
    }
}
