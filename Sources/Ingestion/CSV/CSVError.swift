/// A CSV file rxpipe cannot read. Messages name the file, and the line (and column) where known.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case empty(file: String)
    case headerOnly(file: String)
    case binary(file: String, offset: Int)
    case utf16(file: String)
    case notDelimited(file: String, header: String)
    case unterminatedQuote(file: String, line: Int)
    case missingColumns(file: String, columns: [String])
    case duplicateColumn(file: String, column: String)
    case decompression(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): cannot read: \(reason)"
        case .empty(let file): return "\(file): the file is empty (no header, no rows)"
        case .headerOnly(let file): return "\(file): the file has a header but no rows"
        case .binary(let file, let offset):
            return "\(file): not a CSV file: binary data (a NUL byte) at byte \(offset)"
        case .utf16(let file):
            return "\(file): the file is UTF-16; convert it to UTF-8 first (e.g. iconv -f UTF-16 -t UTF-8)"
        case .notDelimited(let file, let header):
            return "\(file) line 1: the header has no commas (\"\(header.prefix(60))\"); is the file comma-separated?"
        case .unterminatedQuote(let file, let line):
            return "\(file) line \(line): unterminated quoted field starting at line \(line)"
        case .missingColumns(let file, let columns):
            return "\(file) line 1: missing required column\(columns.count == 1 ? "" : "s") \(columns.joined(separator: ", "))"
        case .duplicateColumn(let file, let column): return "\(file) line 1: column \(column) appears twice in the header"
        case .decompression(let file, let reason): return "\(file): cannot decompress: \(reason)"
        }
    }
}
