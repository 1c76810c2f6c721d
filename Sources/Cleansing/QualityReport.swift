import Foundation
import RxCore

/// `cleansed/quality.json`: the reconciliation per raw table and, per rule, its id, severity,
/// description, count and first examples. No timestamps: same input, same bytes.
public struct QualityReport: Codable, Sendable, Equatable {
    public struct Rule: Codable, Sendable, Equatable {
        public let id: String
        public let severity: RuleSeverity
        public let description: String
        public let count: Int
        public let examples: [RuleExample]
    }

    public var format = "rxpipe-cleanse-quality"
    public let layout: RawLayout
    public let pseudonymized: Bool
    public let tables: [Reconciliation]
    public let rules: [Rule]

    init(layout: RawLayout, pseudonymized: Bool, tables: [Reconciliation], ledger: RuleLedger) {
        self.layout = layout
        self.pseudonymized = pseudonymized
        self.tables = tables
        rules = CleanseRule.allCases.map {
            Rule(id: $0.id, severity: $0.severity, description: $0.description, count: ledger.count($0), examples: ledger.examples[$0] ?? [])
        }
    }

    public func count(_ rule: CleanseRule) -> Int { rules.first { $0.id == rule.id }?.count ?? 0 }

    func encoded() throws -> Data { try CanonicalJSON.encode(self) }

    /// Writes `<lake>/cleansed/quality.json` atomically (temporary file, then rename).
    func write(toDirectory directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: directory).appendingPathComponent("quality.json")
        try encoded().write(to: url, options: .atomic)
    }
}
