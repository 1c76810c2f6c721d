import Foundation

/// Keeps identifying values out of quarantine and `quality.json` when pseudonymising: NPIs
/// become their pseudonyms, names are dropped, and `_rescued` JSON loses the values of
/// identifying keys and of free-form ragged-row parts.
struct Redaction {
    let npiColumns: Set<String>
    let nameColumns: Set<String>
    let rescuedColumn: String?
    /// nil: pseudonymisation is off and nothing is replaced.
    let pseudonym: ((String) -> Int64)?

    var active: Bool { pseudonym != nil }

    func apply(column: String, _ text: String?) -> String? {
        guard let pseudonym, let text else { return text }
        if npiColumns.contains(column) { return String(pseudonym(text)) }
        if nameColumns.contains(column) { return nil }
        if column == rescuedColumn { return redactRescued(text) }
        return text
    }

    static let withheld = "[withheld: pseudonymised]"

    /// Whether a rescued column's original text may appear in a message.
    func mayShow(column: String) -> Bool {
        !active || !(npiColumns.contains(column) || nameColumns.contains(column) || column.hasPrefix("_"))
    }

    private func redactRescued(_ text: String) -> String {
        guard let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return Self.withheld }
        var out: [String: Any] = [:]
        for (key, value) in object { out[key] = mayShow(column: key) || key == "_fields" || key == "_expected_fields" ? value : Self.withheld }
        guard let encoded = try? JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]) else { return Self.withheld }
        return String(decoding: encoded, as: UTF8.self)
    }
}
