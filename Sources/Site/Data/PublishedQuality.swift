import Cleansing
import Disclosure
import Foundation

/// `cleansed/quality.json` as the quality page shows it: reconciliation per table and the
/// rules with their counts and first examples, redacted by the disclosure policy.
public struct PublishedQuality: Sendable, Equatable {
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

    /// Reads `cleansed/quality.json` through its contract (`Cleansing.QualityReport`); nil
    /// when the file does not exist (no cleanse has run).
    public static func load(path: String) throws(SiteError) -> PublishedQuality? {
        let report: QualityReport?
        do {
            report = try QualityReport.load(path: path)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        return report.map(PublishedQuality.init(report:))
    }

    /// The page's view of the report: the reconciliation as written, example values in column
    /// order without nulls.
    init(report: QualityReport) {
        tables = report.tables
        rules = report.rules.map { rule in
            Rule(
                id: rule.id, severity: rule.severity.rawValue, description: rule.description, count: rule.count,
                examples: rule.examples.map { e in
                    Example(
                        source: e.source, line: Int(e.line), message: e.message,
                        cells: e.values.keys.sorted().compactMap { key in e.values[key]!.map { Example.Cell(column: key, text: $0) } })
                })
        }
    }

    /// The report as the public may see it: each example row passed through the disclosure
    /// policy (small counts, CMS flags, the under-65 remainder, identities), its message
    /// withholding the same values, and its file and line withheld when pseudonymising.
    public func redacted(_ policy: DisclosurePolicy) -> PublishedQuality {
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
