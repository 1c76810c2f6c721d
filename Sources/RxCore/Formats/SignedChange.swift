/// Changes with an explicit sign and a typographic minus, at one precision: relative changes as
/// `+22.0%`, `−5.1%`, `0.0%`; changes of a share in percentage points as `+1.2 pp`. A tiny
/// non-zero change reads `< +0.1%` or `> −0.1%`; a missing one is an en dash.
extension HumanNumber {
    /// A relative change (0.061 → `+6.1%`).
    public static func change(_ value: Double?, precision: Int = 1) -> String {
        signed(value, precision: precision, scale: 100, unit: "%")
    }

    /// A change of a share in percentage points (0.012 → `+1.2 pp`).
    public static func pointChange(_ value: Double?, precision: Int = 1) -> String {
        signed(value, precision: precision, scale: 100, unit: " pp")
    }

    static func signed(_ value: Double?, precision: Int, scale: Double, unit: String) -> String {
        guard let value, value.isFinite else { return missing }
        let decimals = max(0, precision)
        let text = HumanNumber(.decimal(decimals)).format(abs(value) * scale)
        let zero = text.allSatisfy { $0 == "0" || $0 == "." || $0 == "," }
        if zero, value != 0 {
            let least = decimals == 0 ? "1" : "0." + String(repeating: "0", count: decimals - 1) + "1"
            return (value > 0 ? "< +" : "> −") + least + unit
        }
        return (zero ? "" : value > 0 ? "+" : "−") + text + unit
    }
}
