/// A PostgreSQL failure, in libpq's and the server's own words.
///
/// Descriptions name the host, port and database but never a password: a password given in a
/// URI is not part of `Endpoint`.
public enum PostgresError: Error, Equatable, CustomStringConvertible {
    /// The connection attempt failed (refused, unknown host, authentication, missing database…).
    case connectionFailed(endpoint: Endpoint, reason: String)
    /// The connection string itself is malformed.
    case invalidConnectionString(reason: String)
    /// A statement failed; `sqlState` is the SQLSTATE code (e.g. 42P01 for a missing table).
    case statementFailed(sqlState: String, message: String, detail: String?, hint: String?)

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
        case .connectionFailed(let endpoint, let reason):
            return "postgres: cannot connect (\(endpoint)): \(reason)"
        case .invalidConnectionString(let reason):
            return "postgres: invalid connection string: \(reason)"
        case .statementFailed(let state, let message, let detail, let hint):
            var text = "postgres: \(message) (SQLSTATE \(state))"
            if let detail { text += "; detail: \(detail)" }
            if let hint { text += "; hint: \(hint)" }
            return text
        }
    }
}
