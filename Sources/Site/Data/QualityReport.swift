import Disclosure
import Foundation

/// `cleansed/quality.json` as the quality page reads it: reconciliation per table and the
/// rules with their counts and first examples.
public struct QualityReport: Sendable, Equatable {
    public struct Reconciliation: Sendable, Equatable {
        public var table: String
        public var raw: Int
        public var cleansed: Int
        public var quarantined: Int
        public var duplicatesDropped: Int
        /// CSV sources: physical lines of the files, header and blank lines skipped, and lines
        /// inside records spanning several lines (physical = raw + skipped + inside).
        public var physicalLines: Int? = nil
        public var skippedLines: Int? = nil
        public var linesInsideRecords: Int? = nil
        public var balanced: Bool {
            guard raw == cleansed + quarantined + duplicatesDropped else { return false }
            guard let physicalLines else { return true }
            return physicalLines == raw + (skippedLines ?? 0) + (linesInsideRecords ?? 0)
        }
    }
    public struct Example: Sendable, Equatable {
        public var source: String
        public var line: Int?
        public var message: String
        /// The row's original values (column, text), as quarantined; nulls left out.
        public var cells: [Cell]

        public struct Cell: Sendable, Equatable {
            public var column: String
            public var text: String
        }

        /// `column=value, …` in column order.
        public var values: String { cells.map { "\($0.column)=\($0.text)" }.joined(separator: ", ") }
    }
    public struct Rule: Sendable, Equatable {
        public var id: String
        public var severity: String
        public var description: String
        public var count: Int
        public var examples: [Example]
    }

    public var tables: [Reconciliation]
    public var rules: [Rule]

    public init(tables: [Reconciliation], rules: [Rule]) {
        self.tables = tables
        self.rules = rules
    }

    public var quarantined: Int { tables.reduce(0) { $0 + $1.quarantined } }
    public var raw: Int { tables.reduce(0) { $0 + $1.raw } }

    /// Reads `cleansed/quality.json` (written by `rxpipe cleanse`); nil when the file does not exist (no cleanse has run).
    public static func load(path: String) throws(SiteError) -> QualityReport? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .unreadable(path: path, reason: "not a JSON object")
        }
        func int(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? 0 }
        var tables: [Reconciliation] = []
        for case let t as [String: Any] in (root["tables"] as? [Any]) ?? [] {
            let name = [(t["source"] as? String), (t["target"] as? String)].compactMap { $0 }.joined(separator: " → ")
            tables.append(Reconciliation(
                table: name, raw: int(t["raw"]), cleansed: int(t["cleansed"]), quarantined: int(t["quarantined"]),
                duplicatesDropped: int(t["duplicates_dropped"]), physicalLines: (t["physical_lines"] as? NSNumber)?.intValue,
                skippedLines: (t["skipped_lines"] as? NSNumber)?.intValue, linesInsideRecords: (t["lines_inside_records"] as? NSNumber)?.intValue))
        }
        var rules: [Rule] = []
        for case let r as [String: Any] in (root["rules"] as? [Any]) ?? [] {
            let examples = ((r["examples"] as? [Any]) ?? []).compactMap { $0 as? [String: Any] }.map { e in
                Example(
                    source: (e["source"] as? String) ?? "", line: (e["line"] as? NSNumber)?.intValue, message: (e["message"] as? String) ?? "",
                    cells: ((e["values"] as? [String: Any]) ?? [:]).keys.sorted().compactMap { key in
                        guard let v = (e["values"] as! [String: Any])[key], !(v is NSNull) else { return nil }
                        return Example.Cell(column: key, text: "\(v)")
                    })
            }
            rules.append(Rule(
                id: (r["id"] as? String) ?? "", severity: (r["severity"] as? String) ?? "",
                description: (r["description"] as? String) ?? "", count: int(r["count"]), examples: examples))
        }
        return QualityReport(tables: tables, rules: rules)
    }

    /// The report as the public may see it: each example row passed through the disclosure
    /// policy (small counts, CMS flags, the under-65 remainder, identities), its message
    /// withholding the same values, and its file and line withheld when pseudonymising.
    public func redacted(_ policy: DisclosurePolicy) -> QualityReport {
        let redaction = RowRedaction(policy: policy)
        var out = self
        for r in out.rules.indices {
            out.rules[r].examples = out.rules[r].examples.map { example in
                var e = example
                let (row, withheld) = redaction.redact(example.cells.map { ($0.column, $0.text) })
                e.cells = row.compactMap { cell in cell.text.map { Example.Cell(column: cell.column, text: $0) } }
                e.message = MessageRedaction.redact(example.message, withheld: withheld, policy: policy)
                if policy.pseudonymized {
                    e.source = DisclosurePolicy.withheld
                    e.line = nil
                }
                return e
            }
        }
        return out
    }
}
