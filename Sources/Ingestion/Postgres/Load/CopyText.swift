/// PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes for the
/// characters that would end a field or row.
enum CopyText {
    static let null = "\\N"

    /// `value` escaped for one COPY text field; nil or empty becomes NULL.
    static func field(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return null }
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count + 4)
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    static func row(_ fields: [String?]) -> String { fields.map(field).joined(separator: "\t") + "\n" }
}
