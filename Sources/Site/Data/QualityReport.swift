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
        public var balanced: Bool { raw == cleansed + quarantined + duplicatesDropped }
    }
    public struct Example: Sendable, Equatable {
        public var source: String
        public var line: Int?
        public var message: String
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

    /// Reads `quality.json`; nil when the file does not exist (no cleanse has run).
    public static func load(path: String) throws(SiteError) -> QualityReport? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .unreadable(path: path, reason: "not a JSON object")
        }
        func int(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? 0 }
        var tables: [Reconciliation] = []
        let tableObjects = (root["tables"] as? [String: Any]) ?? [:]
        for name in tableObjects.keys.sorted() {
            guard let t = tableObjects[name] as? [String: Any] else { continue }
            let r = (t["reconciliation"] as? [String: Any]) ?? t
            tables.append(Reconciliation(
                table: name, raw: int(r["raw"]), cleansed: int(r["cleansed"]), quarantined: int(r["quarantined"]),
                duplicatesDropped: int(r["duplicates_dropped"])))
        }
        var rules: [Rule] = []
        for case let r as [String: Any] in (root["rules"] as? [Any]) ?? [] {
            let examples = ((r["examples"] as? [Any]) ?? []).compactMap { $0 as? [String: Any] }.map { e in
                Example(source: (e["source"] as? String) ?? "", line: (e["line"] as? NSNumber)?.intValue, message: (e["message"] as? String) ?? "")
            }
            rules.append(Rule(
                id: (r["id"] as? String) ?? "", severity: (r["severity"] as? String) ?? "",
                description: (r["description"] as? String) ?? "", count: int(r["count"]), examples: examples))
        }
        return QualityReport(tables: tables, rules: rules)
    }
}
