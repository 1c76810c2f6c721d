import Foundation

/// Cleansing messages quote the values they judged ("Tot_Benes of 7 published …",
/// "Tot_Clms is 7, below …"). A number that follows the name of a column whose value the row
/// redaction withheld, or that the policy would not show in that column, is withheld too.
public enum MessageRedaction {
    public static func redact(_ message: String, withheld: Set<String>, policy: DisclosurePolicy) -> String {
        let text = message as NSString
        var out = ""
        var position = 0
        for match in pattern.matches(in: message, range: NSRange(location: 0, length: text.length)) {
            let column = text.substring(with: match.range(at: 1))
            let numberRange = match.range(at: 2)
            let kind = ColumnSensitivity.of(column)
            let value = Double(text.substring(with: numberRange)) ?? 0
            let hide = withheld.contains(column.lowercased()) || !policy.mayShow(count: value, column: kind)
                || !policy.mayShowValues(of: kind)
            guard hide else { continue }
            out += text.substring(with: NSRange(location: position, length: numberRange.location - position))
            out += DisclosurePolicy.suppressed
            position = numberRange.location + numberRange.length
        }
        return out + text.substring(from: position)
    }

    /// A column-like name (`Tot_Benes`, `tot_clms`: letters, digits and underscores with at least
    /// one underscore), up to two linking words, then a number.
    static let pattern = try! NSRegularExpression(
        pattern: #"\b([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)\b(?:\s*[=:]\s*|\s+(?:is|of|was|=)\s+|\s+)(?:(?:is|of|was)\s+)?"?(-?\d+(?:\.\d+)?)"#)
}
