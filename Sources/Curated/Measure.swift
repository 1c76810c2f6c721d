import RxCore

/// How a curated column's numbers read, from its unit in the data dictionary: money as `$1.2M`,
/// per-unit money as `$12.34`, counts grouped, shares as `12.5%` whose changes are percentage
/// points (never relative). The run comparison formats every value and change through it.
public enum Measure: String, Sendable, Equatable, Codable {
    case money, dollars, count, decimal, share, relative, rank, year, text

    /// The measure of `column` in `table`; a column ending `_share` is always a share.
    public static func of(_ column: String, table: String) -> Measure {
        if column.hasSuffix("_share") { return .share }
        guard let unit = DataDictionary.entry(table: table, column: column)?.unit, !unit.contains(", or") else { return .decimal }
        if unit == "USD" { return .money }
        if unit.hasPrefix("USD per") { return .dollars }
        if unit.hasPrefix("fraction") { return .share }
        if unit.hasPrefix("relative change") || unit.hasPrefix("share points") { return .relative }
        if unit.hasPrefix("rank") { return .rank }
        if unit == "year" { return .year }
        if unit == "count (decimal)" { return .decimal }
        if ["count", "days", "residents"].contains(unit) { return .count }
        if ["text", "identifier", "boolean"].contains(unit) { return .text }
        return .decimal
    }

    /// Whether a change is a difference in percentage points rather than a relative change.
    public var changesInPoints: Bool { self == .share || self == .relative }

    /// One value: `$1.2M`, `$12.34`, `1,234`, `12.5%`, `+6.1%`, `3`, `2023`.
    public func format(_ v: Double) -> String {
        switch self {
        case .money: return Format.money(v)
        case .dollars: return Format.dollars(v)
        case .count: return Format.count(v)
        case .decimal: return Format.decimal(v, abs(v) < 10 ? 2 : 1)
        case .share: return Format.percent(v)
        case .relative: return Format.change(v)
        case .rank, .year: return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : Format.decimal(v)
        case .text: return Format.decimal(v)
        }
    }

    /// The change from `a` to `b`: `+$100.0K, +8.3%`, `+20, +20.0%`, `+1.2 pp`; an en dash
    /// when either side is missing.
    public func change(from a: Double?, to b: Double?) -> String {
        guard let a, let b, a.isFinite, b.isFinite else { return HumanNumber.missing }
        if changesInPoints { return Format.points(b - a) }
        let delta = b - a
        let sign = delta > 0 ? "+" : delta < 0 ? "−" : ""
        let absolute = sign + format(abs(delta))
        guard a != 0, self != .rank, self != .year else { return absolute }
        return "\(absolute), \(Format.change(b / a - 1))"
    }
}
