/// Why a render failed; each message names the file or table and what to do.
public enum SiteError: Error, Equatable, CustomStringConvertible {
    case templateMissing(path: String)
    /// `[site] templates` (or `--templates`) names a folder that does not exist.
    case templatesFolderMissing(path: String)
    case templateSyntax(path: String, line: Int, column: Int, reason: String)
    case missingTable(String, reason: String)
    case noData(String)
    case writeFailed(path: String, reason: String)
    case chart(String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .templateMissing(let path):
            return "render: template \(path) is missing; add it to the template folder or point [site] templates at a folder that has it"
        case .templatesFolderMissing(let path):
            return "render: the template folder \(path) does not exist; create it (`rxpipe init` writes an editable copy of the defaults) or leave [site] templates empty for the built-in templates"
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
