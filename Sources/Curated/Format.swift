import RxCore

/// How the site writes single numbers (deterministic, locale-free, via `HumanNumber`'s house
/// style); table columns use `NumberColumn` so every cell of a column shares one precision.
public enum Format {
    public static func count(_ v: Int) -> String { HumanNumber.integer.format(Double(v)) }
    public static func count(_ v: Double) -> String { HumanNumber.integer.format(v) }
    /// A count with its noun: "1 row", "24,996,370 rows".
    public static func count(_ v: Int, _ noun: String) -> String { HumanNumber.count(v, noun) }
    /// Compact dollars with one decimal: `$216.0B`, `$950`.
    public static func money(_ v: Double) -> String { HumanNumber.currency.fixed(v) }
    /// Dollars with cents: `$12.34`, `< $0.01`.
    public static func dollars(_ v: Double) -> String { HumanNumber.dollars([v])[0] }
    public static func percent(_ v: Double, precision: Int = 1) -> String { HumanNumber(.percent, precision: precision).fixed(v) }
    public static func decimal(_ v: Double, _ places: Int = 1) -> String { HumanNumber(.decimal(places)).fixed(v) }
    public static func optional(_ v: Double?, _ f: (Double) -> String) -> String { v.map(f) ?? HumanNumber.missing }
    /// 1000-based: `830 B`, `3.4 KB`.
    public static func bytes(_ v: Int) -> String { HumanNumber.bytes(v) }

    /// A relative change: "+6.1%" / "−2.0%".
    public static func change(_ v: Double?) -> String { HumanNumber.change(v) }

    /// A change of a share in percentage points: "+1.2 pp".
    public static func points(_ v: Double?) -> String { HumanNumber.pointChange(v) }

    /// "rose 6.1%" / "fell 2.0%" / "was unchanged"; callers say nothing when there is no change
    /// to describe (one data year, or nothing the year before).
    public static func movement(_ v: Double) -> String {
        if v > 0 { return "rose " + percent(v) }
        if v < 0 { return "fell " + percent(-v) }
        return "was unchanged"
    }
}
