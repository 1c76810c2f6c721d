import Foundation

/// Formats numbers for people: `$1.2B`, `3.4M`, `12.5%`, `1,234`. Deterministic (no locale):
/// US grouping, a typographic minus, and an en dash for a missing value.
///
/// The house style, everywhere a person reads a number: counts grouped (`24,996,370`), compact
/// amounts with one decimal (`$1.0M`), percentages with no space (`12.5%`), signed changes
/// `+6.1%` / `−2.0%`, share changes in percentage points (`+1.2 pp`), tiny values `< $0.01`,
/// byte sizes 1000-based (`3.4 KB`). `format` formats one value on its own (trailing zeros
/// dropped, for chart ticks and legends); `column`/`fixed` keep one precision for numbers read
/// together, `change`/`pointChange` sign changes, `bytes` and `count(_:_:)` write sizes and
/// counts in prose.
public struct HumanNumber: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        /// `1,234` (rounded to an integer, grouped).
        case integer
        /// `1,234` below ten thousand, `12.3K`, `3.4M`, `1.2B`, `5T` above.
        case compact
        /// As `compact` with a dollar sign: `$950`, `$12.3K`, `$1.2B`.
        case currency
        /// A fraction shown as a percentage: 0.125 → `12.5%`.
        case percent
        /// A fixed number of decimals, grouped: `1,234.57`.
        case decimal(Int)
    }

    public var style: Style
    /// Decimals used by `compact`, `currency` and `percent` (trailing zeros are dropped).
    public var precision: Int

    /// Keep "$3.0B" rather than "$3B", so a column of value labels shares one precision.
    public var keepsTrailingZeros: Bool

    public init(_ style: Style, precision: Int = 1, keepsTrailingZeros: Bool = false) {
        self.style = style
        self.precision = precision
        self.keepsTrailingZeros = keepsTrailingZeros
    }

    /// This format with trailing zeros kept (for value labels next to bars).
    public var aligned: HumanNumber {
        var copy = self
        copy.keepsTrailingZeros = true
        return copy
    }

    public static let integer = HumanNumber(.integer)
    public static let compact = HumanNumber(.compact)
    public static let currency = HumanNumber(.currency)
    public static let percent = HumanNumber(.percent)

    /// The text shown for NaN or infinity.
    public static let missing = "–"

    public func format(_ value: Double) -> String {
        guard value.isFinite else { return Self.missing }
        let sign = value < 0 ? "−" : ""
        let magnitude = abs(value)
        switch style {
        case .integer:
            let rounded = magnitude.rounded()
            return rounded == 0 ? "0" : sign + Self.grouped(rounded, decimals: 0)
        case .decimal(let decimals):
            let text = Self.grouped(magnitude, decimals: max(0, decimals))
            return Self.isZero(text) ? text : sign + text
        case .percent:
            let text = trim(Self.fixed(magnitude * 100, decimals: precision))
            return (Self.isZero(text) ? "" : sign) + Self.groupedString(text) + "%"
        case .compact:
            let text = compact(magnitude)
            return (Self.isZero(text) ? "" : sign) + text
        case .currency:
            let text = compact(magnitude)
            return (Self.isZero(text) ? "" : sign) + "$" + text
        }
    }

    /// `1,234`, `12.3K`, `3.4M`, `1.2B`, `5T`; rounding that reaches the next unit moves up
    /// (999,960 → `1M`, not `1000K`).
    private func compact(_ magnitude: Double) -> String {
        if magnitude < 10_000 {
            if magnitude < 10, magnitude != magnitude.rounded() {
                return trim(Self.fixed(magnitude, decimals: max(precision, 1)))
            }
            return Self.grouped(magnitude.rounded(), decimals: 0)
        }
        let units: [(Double, String)] = [(1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T")]
        var index = 0
        while index + 1 < units.count, magnitude >= units[index + 1].0 { index += 1 }
        var scaled = magnitude / units[index].0
        var text = trim(Self.fixed(scaled, decimals: precision))
        if (Double(text) ?? 0) >= 1000, index + 1 < units.count {
            index += 1
            scaled = magnitude / units[index].0
            text = trim(Self.fixed(scaled, decimals: precision))
        }
        return Self.groupedString(text) + units[index].1
    }

    private static func fixed(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    private func trim(_ text: String) -> String {
        keepsTrailingZeros ? text : Self.trimmed(text)
    }

    /// Drops trailing zeros after the decimal point ("1.50" → "1.5", "2.0" → "2").
    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.last == "0" { result = result.dropLast() }
        if result.last == "." { result = result.dropLast() }
        return String(result)
    }

    private static func grouped(_ value: Double, decimals: Int) -> String {
        groupedString(fixed(value, decimals: decimals))
    }

    /// Inserts thousands separators into the integer part of a plain decimal string.
    private static func groupedString(_ text: String) -> String {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = Array(parts[0])
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return parts.count > 1 ? out + "." + parts[1] : out
    }

    private static func isZero(_ text: String) -> Bool {
        text.allSatisfy { $0 == "0" || $0 == "." || $0 == "," }
    }
}
