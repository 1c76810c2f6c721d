import Lake

/// Dense values of one fact column plus validity; a column of another type reads as all null.
protocol NullableValues {
    associatedtype Element: Numeric
    var values: [Element] { get set }
    var valid: [Bool]? { get set }
}

extension NullableValues {
    @inline(__always) func get(_ i: Int) -> Element? { (valid?[i] ?? true) ? values[i] : nil }
    @inline(__always) func isNull(_ i: Int) -> Bool { !(valid?[i] ?? true) }

    mutating func setNull(_ i: Int) {
        if valid == nil { valid = Array(repeating: true, count: values.count) }
        valid![i] = false
        values[i] = 0
    }

    static func read(_ column: ColumnVector, _ values: [Element]?) -> (values: [Element], valid: [Bool]?) {
        guard let values else { return (Array(repeating: 0, count: column.count), Array(repeating: false, count: column.count)) }
        return (values, column.validity)
    }
}

/// A nullable integer column widened to Int64.
struct NullableInts: NullableValues {
    var values: [Int64]
    var valid: [Bool]?

    init(_ column: ColumnVector) { (values, valid) = Self.read(column, column.int64Values()) }
}

struct NullableDoubles: NullableValues {
    var values: [Double]
    var valid: [Bool]?

    init(_ column: ColumnVector) { (values, valid) = Self.read(column, column.doubleValues()) }
}

/// A nullable money column in cents (exact; see `ColumnVector.centsValues`).
struct NullableCents: NullableValues {
    var values: [Int64]
    var valid: [Bool]?

    init(_ column: ColumnVector) { (values, valid) = Self.read(column, column.centsValues()) }
}

/// A suppression flag value.
enum SuppressionFlag: UInt8 {
    case none = 0, star = 1, hash = 2, other = 3

    var isSuppressed: Bool { self == .star || self == .hash }
    var text: String? {
        switch self {
        case .none, .other: return nil
        case .star: return "*"
        case .hash: return "#"
        }
    }
}

/// Which raw column plays each role, for messages and quarantine (CMS names or source names).
struct FactColumnNames: Sendable {
    var year, npi, claims, fills, daySupply, cost, benes: String
    var ge65Flag, ge65Claims, ge65Fills, ge65Cost, ge65DaySupply, ge65BeneFlag, ge65Benes: String

    static let cms = FactColumnNames(
        year: "year", npi: "Prscrbr_NPI", claims: "Tot_Clms", fills: "Tot_30day_Fills", daySupply: "Tot_Day_Suply",
        cost: "Tot_Drug_Cst", benes: "Tot_Benes", ge65Flag: "GE65_Sprsn_Flag", ge65Claims: "GE65_Tot_Clms",
        ge65Fills: "GE65_Tot_30day_Fills", ge65Cost: "GE65_Tot_Drug_Cst", ge65DaySupply: "GE65_Tot_Day_Suply",
        ge65BeneFlag: "GE65_Bene_Sprsn_Flag", ge65Benes: "GE65_Tot_Benes")

    static let source = FactColumnNames(
        year: "year", npi: "npi", claims: "tot_clms", fills: "tot_30day_fills", daySupply: "tot_day_suply",
        cost: "tot_drug_cst", benes: "tot_benes", ge65Flag: "ge65_sprsn_flag", ge65Claims: "ge65_tot_clms",
        ge65Fills: "ge65_tot_30day_fills", ge65Cost: "ge65_tot_drug_cst", ge65DaySupply: "ge65_tot_day_suply",
        ge65BeneFlag: "ge65_bene_sprsn_flag", ge65Benes: "ge65_tot_benes")
}

/// One row group of prescriber-drug rows in the shape the rules work on, whatever the raw
/// layout. Layout-specific findings (rescued fields, missing names, unknown states, orphans)
/// arrive as sparse verdicts; the shared rules run in `FactProcessor`.
struct FactBatch {
    var rows: Int
    var year: NullableInts
    var npi: NullableInts
    /// Drug identity index (`DrugIdentities`), -1 when unknown.
    var drug: [Int32]
    var claims, daySupply, benes, ge65Claims, ge65DaySupply, ge65Benes: NullableInts
    var fills: NullableDoubles
    var cost: NullableCents
    var ge65Fills: NullableDoubles
    var ge65Cost: NullableCents
    var ge65Flag, ge65BeneFlag: [SuppressionFlag]
    /// Prescriber attribute tuple (`PrescriberTuples`), -1 when unknown.
    var attributes: [Int32]
    /// The first layout-specific reject per row, if any.
    var layoutRejects: [Int: (rule: CleanseRule, message: String)] = [:]
    /// Rows whose raw FIPS code disagreed with the state code (CMS layout).
    var fipsFixed: Set<Int> = []
    /// Rows whose own state code was unknown and that took their NPI's state for the year
    /// (CMS layout; `StateSubstitutes`): the message for `prescriber_conflict`.
    var stateFromPrescriber: [Int: String] = [:]
    /// Warnings and fixes counted on a row when it is kept (stray quotes, encoding repairs,
    /// values in extra columns).
    var notes: [Int: [(rule: CleanseRule, message: String)]] = [:]
    /// `_source` and `_line` of each row.
    var source: ColumnVector
    var line: [Int64]
    /// The raw columns, for quarantine text.
    var raw: [ColumnVector]

    func sourceText(_ row: Int) -> String { source.text(at: row) ?? "" }

    static func flags(_ column: ColumnVector, interner: inout TextInterner) -> [SuppressionFlag] {
        let ids = interner.ids(for: column)
        return ids.map { id in
            guard id >= 0 else { return .none }
            switch interner.values[Int(id)] {
            case "*": return .star
            case "#": return .hash
            default: return .other
            }
        }
    }
}
