/// Every failure the Lake module reports: one type, so callers can switch on it and tests can
/// assert the exact message. Messages name the file (or table) and say what is wrong.
public enum LakeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes of a Parquet file do not follow the format (truncated, lying lengths, bad values).
    case corrupt(file: String, reason: String)
    /// A valid Parquet feature rxpipe does not read (nested schema, INT96, LZO, …).
    case unsupported(file: String, column: String, feature: String)
    /// The operating system refused a file operation; `reason` is strerror's text.
    case io(path: String, operation: String, reason: String)
    /// Data handed to a writer does not match its schema, or an option is out of range.
    case invalidInput(String)
    /// A table (or its manifest) is missing or inconsistent.
    case table(path: String, reason: String)
    /// Another writer holds the table's lock.
    case locked(table: String, holder: String)

    public var description: String {
        switch self {
        case .corrupt(let file, let reason): return "\(file): corrupt Parquet file: \(reason)"
        case .unsupported(let file, let column, let feature):
            return "\(file): column \(column): \(feature) is not supported"
        case .io(let path, let operation, let reason): return "\(path): cannot \(operation): \(reason)"
        case .invalidInput(let message): return "lake: \(message)"
        case .table(let path, let reason): return "\(path): \(reason)"
        case .locked(let table, let holder):
            return "\(table): another writer holds the lock (\(holder)); wait for it to finish or remove a stale lock file"
        }
    }
}

/// A decoding failure below the file level; the reader adds the file name and position.
struct FormatError: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
