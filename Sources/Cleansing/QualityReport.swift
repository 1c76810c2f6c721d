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

    public var format = QualityReport.formatName
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

    /// Reads `cleansed/quality.json`; nil when the file does not exist (no cleanse has run). A
    /// file of another format, or missing a field, fails with the path and the field named.
    public static func load(path: String) throws(QualityReportError) -> QualityReport? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            let report = try JSONDecoder().decode(QualityReport.self, from: data)
            guard report.format == Self.formatName else {
                throw QualityReportError.unreadable(path: path, reason: "format is \(report.format), not \(Self.formatName)")
            }
            return report
        } catch let error as QualityReportError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw .unreadable(path: path, reason: "missing field \(Self.fieldPath(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .unreadable(path: path, reason: "field \(Self.fieldPath(context.codingPath)) has the wrong type: \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw .unreadable(path: path, reason: "not rxpipe's quality report: \(context.debugDescription)")
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    static let formatName = "rxpipe-cleanse-quality"

    /// `rules[3].examples[0].line` for a decoding path.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
    }

    func encoded() throws -> Data { try CanonicalJSON.encode(self) }

    /// Writes `<lake>/cleansed/quality.json` atomically (`PlainFile.replace`).
    func write(toDirectory directory: String) throws {
        try PlainFile.replace([UInt8](try encoded()), at: directory + "/quality.json")
    }
}

/// `cleansed/quality.json` could not be read as rxpipe's quality report.
public enum QualityReportError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): \(reason); run `rxpipe cleanse` again to rewrite it"
        }
    }
}
