
/// Numbers read together — a table column, a KPI card, a sentence — in one house style: every
/// value keeps the column's decimals (`$1.0M` beside `$1.1M`, `12.0%` beside `12.5%`), compact
/// amounts share one unit where the column's range allows, a tiny non-zero value reads
/// `< $0.01` / `< 0.1%` rather than a false zero, and a missing value is an en dash.
extension HumanNumber {
    /// Formats a whole column with one unit and one number of decimals.
    public func column(_ values: [Double?]) -> [String] {
        let layout = ColumnLayout(self, magnitudes: Self.magnitudes(values))
        return values.map { $0.map(layout.format) ?? Self.missing }
    }

    /// One value as a column of its own would show it (KPI cards, prose).
    public func fixed(_ value: Double?) -> String { column([value])[0] }

    /// Dollars with a fixed number of decimals, grouped: `$1,234.50`, `< $0.01`.
    public static func dollars(_ values: [Double?], decimals: Int = 2) -> [String] {
        var layout = ColumnLayout(HumanNumber(.decimal(decimals)), magnitudes: [])
        layout.prefix = "$"
        return values.map { $0.map(layout.format) ?? missing }
    }

    static func magnitudes(_ values: [Double?]) -> [Double] {
        values.compactMap { $0 }.filter { $0.isFinite && $0 != 0 }.map(abs)
    }
}

/// The unit, decimals and affixes chosen once for a column.
struct ColumnLayout {
    var number: HumanNumber
    var scale = 1.0
    var divisor = 1.0
    var unit = ""
    var decimals: Int
    var prefix = ""
    var suffix = ""
    /// The column spans too many orders of magnitude for one unit and holds values below 1:
    /// each value takes its own unit.
    var perValueUnits = false

    init(_ number: HumanNumber, magnitudes: [Double]) {
        self.number = number
        switch number.style {
        case .integer:
            decimals = 0
        case .decimal(let places):
            decimals = max(0, places)
        case .percent:
            (scale, decimals, suffix) = (100, max(0, number.precision), "%")
        case .compact, .currency:
            prefix = number.style == .currency ? "$" : ""
            decimals = max(0, number.precision)
            let largest = magnitudes.max() ?? 0, smallest = magnitudes.min() ?? 0
            if largest < 10_000 {
                // Below ten thousand: whole numbers, or cents / the precision when any value has a fraction.
                let whole = magnitudes.allSatisfy { $0 == $0.rounded() }
                decimals = whole ? 0 : (number.style == .currency ? 2 : max(1, decimals))
            } else if let shared = Self.sharedUnit(smallest: smallest, largest: largest, decimals: decimals) {
                (divisor, unit) = shared
                if divisor == 1 { decimals = 0 }
            } else if smallest >= 1 {
                // Too wide for one unit ($3,000 beside $1.2B): whole numbers, grouped, so the
                // digits line up and every value keeps one style.
                decimals = 0
            } else {
                perValueUnits = true
            }
        }
    }

    func format(_ value: Double) -> String {
        guard value.isFinite else { return HumanNumber.missing }
        if perValueUnits { return number.aligned.format(value) }
        let text = HumanNumber(.decimal(decimals)).format(abs(value) * scale / divisor)
        let zero = text.allSatisfy { $0 == "0" || $0 == "." || $0 == "," }
        if zero, value != 0 {
            let least = decimals == 0 ? "1" : "0." + String(repeating: "0", count: decimals - 1) + "1"
            return (value < 0 ? "> −" : "< ") + prefix + least + unit + suffix
        }
        return (value < 0 && !zero ? "−" : "") + prefix + text + unit + suffix
    }

    /// The unit of the largest value (`$11.1M`), or a smaller one when the smallest value would
    /// otherwise read as zero at these decimals (`$0.8M` is fine, `$0.0B` is not); nil when no
    /// unit keeps the largest value under a million units (the column is too wide for one).
    static func sharedUnit(smallest: Double, largest: Double, decimals: Int) -> (Double, String)? {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"), (1, "")]
        let start = units.firstIndex { largest >= $0.0 } ?? units.count - 1
        for unit in units[start...] {
            let step = pow10(unit.0 == 1 ? 0 : -decimals)
            guard (smallest / unit.0 / step).rounded() >= 1 else { continue }
            return largest / unit.0 < 1e6 ? unit : nil
        }
        return nil
    }

    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
