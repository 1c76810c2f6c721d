/// Where every raw row of one table went: raw = cleansed + quarantined + duplicates dropped.
public struct Reconciliation: Codable, Sendable, Equatable {
    /// The raw table, e.g. `raw/cms_prescriber_drug`.
    public let source: String
    /// The cleansed table its rows feed.
    public let target: String
    public let raw: Int
    /// Rows accepted (for a dimension source: rows that passed and feed the cleansed dimension).
    public let cleansed: Int
    public let quarantined: Int
    public let duplicatesDropped: Int

    enum CodingKeys: String, CodingKey {
        case source, target, raw, cleansed, quarantined
        case duplicatesDropped = "duplicates_dropped"
    }

    public var balances: Bool { raw == cleansed + quarantined + duplicatesDropped }

    /// Throws `CleanseError.reconciliation` unless the identity holds.
    func check() throws {
        guard balances else {
            throw CleanseError.reconciliation(table: source, raw: raw, cleansed: cleansed, quarantined: quarantined, duplicates: duplicatesDropped)
        }
    }
}
