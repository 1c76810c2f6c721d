import Curated

/// What changed between two runs, as data: a headline summary, KPIs by year, every curated table
/// compared entity by entity (largest absolute impact first, among rows with the movers base),
/// the top lists compared by entity (moves, entries, exits), quality rule counts, gates and
/// schemas. Sorted throughout, so the same runs give the same bytes; its JSON (raw numbers,
/// `format_version` 2) is documented in docs/runs.md.
public struct RunDiff: Codable, Sendable, Equatable {
    public static let currentFormat = 2

    /// One KPI of one year; `relative` is nil for shares (their change is in points).
    public struct KPIChange: Codable, Sendable, Equatable {
        public var year: Int
        public var name: String
        public var a: Double?
        public var b: Double?
        public var change: Double?
        public var relative: Double?
    }

    public struct CountChange: Codable, Sendable, Equatable {
        public var name: String
        public var a: Int?
        public var b: Int?
    }

    public struct GateChange: Codable, Sendable, Equatable {
        public var name: String
        public var a: Bool?
        public var b: Bool?
    }

    public struct SchemaChange: Codable, Sendable, Equatable {
        public var table: String
        public var added: [String]
        public var removed: [String]
        public var retyped: [String]
    }

    public var formatVersion: Int
    public var a: String
    public var b: String
    public var summary: DiffSummary
    public var kpis: [KPIChange]
    public var tables: [TableDiff]
    public var rankLists: [RankList]
    public var quality: [CountChange]
    public var gates: [GateChange]
    public var schema: [SchemaChange]

    enum CodingKeys: String, CodingKey {
        case a, b, summary, kpis, tables, quality, gates, schema
        case formatVersion = "format_version", rankLists = "rank_lists"
    }

    public init(a: String, b: String, summary: DiffSummary = DiffSummary(), kpis: [KPIChange] = [], tables: [TableDiff] = [],
                rankLists: [RankList] = [], quality: [CountChange] = [], gates: [GateChange] = [], schema: [SchemaChange] = []) {
        self.formatVersion = Self.currentFormat
        (self.a, self.b, self.summary, self.kpis, self.tables) = (a, b, summary, kpis, tables)
        (self.rankLists, self.quality, self.gates, self.schema) = (rankLists, quality, gates, schema)
    }

    public var isEmpty: Bool {
        kpis.isEmpty && tables.allSatisfy(\.isUnchanged) && rankLists.allSatisfy { $0.total == 0 }
            && quality.isEmpty && gates.isEmpty && schema.isEmpty && summary.yearsAdded.isEmpty && summary.yearsDropped.isEmpty
    }
}
