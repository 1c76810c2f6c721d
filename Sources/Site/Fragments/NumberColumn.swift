import Charts
import RxCore

/// How a table column writes its numbers. `HTMLTable` formats the whole column at once from
/// the cells' sort keys, so every cell shares one unit and one number of decimals.
public enum NumberColumn: Sendable {
    /// Grouped integers: `1,234,567`.
    case count
    /// Whole dollars, grouped: `$1,234,567`.
    case dollarsWhole
    /// Dollars and cents: `$12.34`, `< $0.01`.
    case dollars
    /// Compact dollars in one unit: `$45.0M`, `$1,200.0M`.
    case money
    /// A share as a percentage with these decimals: `12.5%`, `< 0.1%`.
    case percent(Int)
    /// A plain number with these decimals: `1,234.5`.
    case decimal(Int)
    /// A relative change: `+22.0%`, `−5.1%`.
    case change
    /// A change of a share in percentage points: `+1.2 pp`.
    case points
    /// A byte size, 1000-based: `830 B`, `3.4 KB`.
    case bytes

    public func format(_ values: [Double?]) -> [String] {
        switch self {
        case .count: return HumanNumber.integer.column(values)
        case .dollarsWhole: return HumanNumber.dollars(values, decimals: 0)
        case .dollars: return HumanNumber.dollars(values)
        case .money: return HumanNumber.currency.column(values)
        case .percent(let places): return HumanNumber(.percent, precision: places).column(values)
        case .decimal(let places): return HumanNumber(.decimal(places)).column(values)
        case .change: return values.map { HumanNumber.change($0) }
        case .points: return values.map { HumanNumber.pointChange($0) }
        case .bytes: return values.map { v in v.map { HumanNumber.bytes(Int($0)) } ?? HumanNumber.missing }
        }
    }
}
