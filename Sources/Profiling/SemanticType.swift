import Lake

/// What a column means, which decides the statistics that make sense for it
/// (docs/profile-schema.md, "Semantic types").
///
/// The lake type says how a value is stored; the semantic type says what may be done with it.
/// An NPI is an int64, but its mean is meaningless and its correlation with claims is noise;
/// a year is an int32, but it is a period to count rows by, not a quantity to sum.
public enum SemanticType: String, Sendable, CaseIterable {
    /// Names one entity (an NPI, a drug key, a source line): distinct count, shapes, validity.
    case identifier
    /// A code from a fixed list (state, FIPS, type source): value counts and shapes.
    case code
    /// A data year: a categorical period with its rows per period.
    case period
    /// A yes/no or suppression marker: value counts, imbalance.
    case flag
    /// A quantity (claims, cost, fills, day supply, beneficiaries, shares): every numeric statistic.
    case measure
    /// A position in an ordering (a rank): order statistics only, no mean, sum or correlation.
    case ordinal
    /// Free text (names, cities, specialties): lengths, value counts, shapes.
    case text

    /// Types whose values are summed, averaged and correlated.
    public var isMeasure: Bool { self == .measure }

    /// The type a column's name and lake type give before any value is read; `nil` when the
    /// name says nothing (a numeric column is then a measure and a string column text, unless
    /// the data says otherwise: `refined`).
    public static func fromName(_ column: String, type: ColumnType) -> SemanticType? {
        var name = column.lowercased()
        if name.hasPrefix("prscrbr_") { name.removeFirst("prscrbr_".count) }
        let integer = type == .int32 || type == .int64
        if type == .boolean || name.hasSuffix("_flag") || name.hasPrefix("is_") || name.hasPrefix("has_") { return .flag }
        if integer && (name == "year" || name.hasSuffix("_year") || name == "yr") { return .period }
        if name == "npi" || name.hasSuffix("_npi") || name == "id" || name.hasSuffix("_id") || name == "_line" {
            return .identifier
        }
        if integer && (name == "rank" || name.hasPrefix("rank_") || name.hasSuffix("_rank")) { return .ordinal }
        if name == "state" || name.hasPrefix("state_abrvtn") || name.contains("fips") || name == "type_src"
            || name == "type_source" || name.hasSuffix("_code") || name.hasSuffix("_cd") || name.hasPrefix("zip")
        {
            return .code
        }
        return nil
    }

    /// The type of a column the name rules left open, from its values: an integer column of at
    /// least `minRows` values, all different and arriving in ascending order, numbers rows
    /// (an identifier); a string column of at least `minRows` values with at most two distinct
    /// values is a flag. Below `minRows` values the data proves nothing and the defaults hold.
    static func refined(
        integer: Bool, count: Int, distinct: Int, ascending: Bool, isString: Bool, minRows: Int
    ) -> SemanticType {
        let enough = count >= Swift.max(minRows, 2)
        if isString { return enough && distinct <= 2 ? .flag : .text }
        if integer && enough && distinct == count && ascending { return .identifier }
        return .measure
    }

    /// True when the column holds NPIs, checked with the NPI Luhn rule.
    static func isNPI(_ column: String) -> Bool {
        let name = column.lowercased()
        return name == "npi" || name.hasSuffix("_npi")
    }
}
