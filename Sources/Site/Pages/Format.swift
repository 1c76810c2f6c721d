import Charts

/// How the site writes numbers (deterministic, locale-free, via `HumanNumber`).
enum Format {
    static func count(_ v: Int) -> String { HumanNumber.integer.format(Double(v)) }
    static func count(_ v: Double) -> String { HumanNumber.integer.format(v) }
    static func compact(_ v: Double) -> String { HumanNumber.compact.format(v) }
    static func money(_ v: Double) -> String { HumanNumber.currency.format(v) }
    /// Dollars with cents: `$12.34`.
    static func dollars(_ v: Double) -> String { "$" + HumanNumber(.decimal(2)).format(v) }
    static func dollarsWhole(_ v: Double) -> String { "$" + HumanNumber.integer.format(v) }
    static func percent(_ v: Double, precision: Int = 1) -> String { HumanNumber(.percent, precision: precision).format(v) }
    static func decimal(_ v: Double, _ places: Int = 1) -> String { HumanNumber(.decimal(places)).format(v) }
    static func optional(_ v: Double?, _ f: (Double) -> String) -> String { v.map(f) ?? HumanNumber.missing }

    /// A relative change as "+6.1%" / "−2.0%".
    static func change(_ v: Double?) -> String {
        guard let v, v.isFinite else { return HumanNumber.missing }
        let text = percent(abs(v))
        return v > 0 ? "+" + text : (v < 0 ? "−" + text : text)
    }

    /// A change in share points: "+1.2 pts".
    static func points(_ v: Double?) -> String {
        guard let v, v.isFinite else { return HumanNumber.missing }
        let text = decimal(abs(v * 100), 1)
        return (v > 0 ? "+" : (v < 0 ? "−" : "")) + text + " pts"
    }

    /// "rose 6.1%" / "fell 2.0%" / "was unchanged"; callers say nothing when there is no change
    /// to describe (one data year, or nothing the year before).
    static func movement(_ v: Double) -> String {
        if v > 0 { return "rose " + percent(v) }
        if v < 0 { return "fell " + percent(-v) }
        return "was unchanged"
    }
}
