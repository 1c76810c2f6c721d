/// Where a setting came from, for error messages and `rxpipe config`.
public enum ConfigOrigin: Equatable, Sendable, CustomStringConvertible {
    case defaults
    case file(path: String, line: Int?)
    case environment(variable: String)

    public var description: String {
        switch self {
        case .defaults: return "default"
        case .file(let path, let line): return line.map { "\(path) line \($0)" } ?? path
        case .environment(let variable): return "environment variable \(variable)"
        }
    }
}

/// A configuration problem. Exit code 2. Every message names where the problem is and what to do.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, message: String)
    case unknownKey(origin: ConfigOrigin, key: String, known: [String])
    case wrongType(origin: ConfigOrigin, key: String, expected: String, found: String)
    case invalidValue(origin: ConfigOrigin, key: String, message: String)
    case passwordInFile(origin: ConfigOrigin, key: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "config: cannot read \(path): \(reason)"
        case .syntax(let path, let line, let column, let message):
            return "config: \(path) line \(line), column \(column): \(message)"
        case .unknownKey(let origin, let key, let known):
            let hint = known.isEmpty ? "" : " (known keys: \(known.joined(separator: ", ")))"
            return "config: \(origin): unknown key '\(key)'\(hint)"
        case .wrongType(let origin, let key, let expected, let found):
            return "config: \(origin), key \(key): expected \(expected), found \(found)"
        case .invalidValue(let origin, let key, let message):
            return "config: \(origin), key \(key): \(message)"
        case .passwordInFile(let origin, let key):
            return "config: \(origin), key \(key): a password is written in the file; "
                + "remove it and use PGPASSWORD, ~/.pgpass or PGPASSFILE (libpq's own conventions)"
        }
    }
}
