import Foundation

/// The disclosure policy applied to one source row shown as it was read (the first examples
/// of each cleansing rule on the quality page): small counts, CMS-flagged 65+ figures, the
/// under-65 remainder (complementary suppression) and, when pseudonymising, identities.
public struct RowRedaction: Sendable {
    public let policy: DisclosurePolicy

    public init(policy: DisclosurePolicy) { self.policy = policy }

    /// One cell: its column (source name) and text as read (nil when empty).
    public typealias Cell = (column: String, text: String?)

    /// The row with every withheld value replaced by `DisclosurePolicy.suppressed` or
    /// `.withheld`; the columns whose values were withheld are returned too, so a message about
    /// the row can withhold them as well.
    public func redact(_ row: [Cell]) -> (row: [Cell], withheld: Set<String>) {
        var out = row
        var withheld = Set<String>()
        let index = Dictionary(row.enumerated().map { ($1.column.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        func text(_ name: String) -> String? { index[name].flatMap { row[$0].text }.flatMap { $0.isEmpty ? nil : $0 } }
        func number(_ name: String) -> Double? { text(name).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
        func hide(_ position: Int, as replacement: String = DisclosurePolicy.suppressed) {
            guard out[position].text != nil else { return }
            out[position].text = replacement
            withheld.insert(out[position].column.lowercased())
        }
        func hide(where predicate: (String) -> Bool) {
            for (i, cell) in row.enumerated() where predicate(cell.column.lowercased()) { hide(i) }
        }

        // Identities, when pseudonymising.
        for (i, cell) in row.enumerated() {
            let kind = ColumnSensitivity.of(cell.column)
            guard !policy.mayShowValues(of: kind), let value = cell.text, !value.isEmpty else { continue }
            if kind.contains(.identifier), let id = Int64(value), id >= Self.pseudonymFloor { continue }
            hide(i, as: DisclosurePolicy.withheld)
        }
        // Fields kept in `_rescued` (JSON text) are values of the same row.
        for (i, cell) in row.enumerated() where cell.column == "_rescued" {
            if let text = cell.text, let redacted = redactRescued(text), redacted != text {
                out[i].text = redacted
                withheld.insert("_rescued")
            }
        }
        // Small counts: a value below the threshold, or text that is not a number, is hidden.
        for (i, cell) in row.enumerated() {
            let kind = ColumnSensitivity.of(cell.column)
            guard !kind.isDisjoint(with: .smallCounts), let value = cell.text, !value.isEmpty else { continue }
            let n = Double(value.trimmingCharacters(in: .whitespaces))
            if n.map({ !policy.mayShow(count: $0, column: kind) }) ?? true { hide(i) }
        }
        // A row whose claims are hidden keeps none of its measures (they reveal the claims).
        if withheld.contains(where: { $0.hasSuffix("tot_clms") && !$0.hasPrefix("ge65_") }) {
            hide { ColumnSensitivity.of($0).contains(.rowMeasure) && !$0.hasPrefix("ge65_") }
        }
        // CMS flags: a set flag hides every figure it governs.
        for flag in ["ge65_sprsn_flag", "ge65_bene_sprsn_flag"] where text(flag) != nil {
            hide { ColumnSensitivity.governingFlag(of: $0) == flag }
        }
        if withheld.contains("ge65_tot_clms") { hide { ColumnSensitivity.governingFlag(of: $0) == "ge65_sprsn_flag" } }
        // Complementary: the under-65 remainder (total − 65+) is never published.
        for (total, part, flag) in [("tot_benes", "ge65_tot_benes", "ge65_bene_sprsn_flag"), ("tot_clms", "ge65_tot_clms", "ge65_sprsn_flag")] {
            guard let t = number(total), !withheld.contains(total), let p = number(part), !withheld.contains(part) else { continue }
            let hidden = ComplementarySuppression.hiddenParts(
                total: t, parts: [p, t - p], hidden: [false, true], threshold: policy.suppressBelow)
            if hidden[0] { hide { ColumnSensitivity.governingFlag(of: $0) == flag } }
        }
        return (out, withheld)
    }

    /// `_rescued` JSON with each field judged like a cell of its column; nil when it is not a
    /// JSON object (then nothing in it is read as a value).
    func redactRescued(_ text: String) -> String? {
        guard let data = text.data(using: .utf8), var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return nil }
        for (key, value) in object {
            let kind = ColumnSensitivity.of(key)
            let text = (value as? String) ?? (value as? NSNumber)?.stringValue
            if !policy.mayShowValues(of: kind) {
                object[key] = DisclosurePolicy.withheld
            } else if !kind.isDisjoint(with: .smallCounts) || kind.contains(.flagGoverned) || kind.contains(.rowMeasure) {
                // A field that did not parse is not a trustworthy count either way.
                if text.flatMap({ Double($0) }).map({ !policy.mayShow(count: $0, column: kind) }) ?? (text != nil) {
                    object[key] = DisclosurePolicy.suppressed
                }
            }
        }
        guard let encoded = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Pseudonyms are at least 2^61 (docs/tables.md), so they are never a 10-digit NPI.
    static let pseudonymFloor: Int64 = 1 << 61
}
