import Curated

/// One curated table compared entity by entity (its key, with top lists keyed by the entity in
/// the list rather than the rank slot). The listed changes are the rows that moved the most in
/// absolute terms (drug cost, else claims), among those with the movers base in run A; rank
/// columns are left to `RankList`.
public struct TableDiff: Codable, Sendable, Equatable {
    /// One changed column of one row; `relative` is nil for shares and when `a` is 0.
    public struct ValueChange: Codable, Sendable, Equatable {
        public var column: String
        public var a: DiffValue
        public var b: DiffValue
        public var change: Double?
        public var relative: Double?
    }

    /// One changed row: its key values (in `TableDiff.key` order), its name when the key is an
    /// identifier (a prescriber's display name), the absolute change of the impact column.
    public struct EntityChange: Codable, Sendable, Equatable {
        public var key: [String]
        public var name: String?
        public var impact: Double
        public var changes: [ValueChange]
    }

    public var table: String
    public var key: [String]
    /// The column whose absolute change ranks the rows (`drug_cost`, else `claims`), if any.
    public var impactColumn: String?
    /// The movers base a row needs in run A to be listed (nil for tables without claims or cost, and `kpi_year`).
    public var base: MoversBase?
    public var rowsA: Int
    public var rowsB: Int
    public var added: Int
    public var removed: Int
    public var changed: Int
    /// Changed rows not listed because they lack the base in run A.
    public var belowBase: Int
    public var largestChanges: [EntityChange]
    public var addedKeys: [[String]]
    public var removedKeys: [[String]]

    enum CodingKeys: String, CodingKey {
        case table, key, base, added, removed, changed
        case impactColumn = "impact_column", rowsA = "rows_a", rowsB = "rows_b", belowBase = "below_base"
        case largestChanges = "largest_changes", addedKeys = "added_keys", removedKeys = "removed_keys"
    }

    public var isUnchanged: Bool { added == 0 && removed == 0 && changed == 0 && rowsA == rowsB }
}

extension MoversBase: Codable {
    enum CodingKeys: String, CodingKey {
        case minClaims = "min_claims", minCost = "min_cost"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(minClaims: try c.decode(Int.self, forKey: .minClaims), minCost: try c.decode(Double.self, forKey: .minCost))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(minClaims, forKey: .minClaims)
        try c.encode(minCost, forKey: .minCost)
    }
}
