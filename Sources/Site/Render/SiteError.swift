/// Why a render failed; each message names the file or table and what to do.
public enum SiteError: Error, Equatable, CustomStringConvertible {
    case templateMissing(path: String)
    case templateSyntax(path: String, line: Int, column: Int, reason: String)
    case missingTable(String, reason: String)
    case noData(String)
    case writeFailed(path: String, reason: String)
    case chart(String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .templateMissing(let path):
            return "render: template \(path) is missing; restore it or point [site] templates at a folder that has it"
        case .templateSyntax(let path, let line, let column, let reason):
            return "render: \(path) line \(line), column \(column): \(reason)"
        case .missingTable(let table, let reason):
            return "render: cannot read \(table) (\(reason)); run `rxpipe transform` first"
        case .noData(let what):
            return "render: \(what)"
        case .writeFailed(let path, let reason):
            return "render: cannot write \(path): \(reason)"
        case .chart(let message):
            return "render: \(message)"
        case .unreadable(let path, let reason):
            return "render: cannot read \(path): \(reason)"
        }
    }
}
