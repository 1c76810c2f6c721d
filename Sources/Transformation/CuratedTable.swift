import Lake

/// One curated table ready to write: its name, schema and one column per field.
struct CuratedTable: Sendable {
    let name: String
    let schema: Schema
    let columns: [ColumnVector]

    var rowCount: Int { columns.first?.count ?? 0 }
}

/// Column constructors from Swift arrays (nil is null).
enum Column {
    static func int32(_ v: [Int32]) -> ColumnVector { ColumnVector(.int32(v)) }
    static func int64(_ v: [Int64]) -> ColumnVector { ColumnVector(.int64(v)) }
    static func bool(_ v: [Bool]) -> ColumnVector { ColumnVector(.boolean(v)) }
    static func double(_ v: [Double]) -> ColumnVector { ColumnVector(.double(v)) }
    /// Money: DECIMAL(18,2) from cents.
    static func decimal(_ cents: [Int64]) -> ColumnVector { ColumnVector(.decimal(cents)) }

    static func int64(_ v: [Int64?]) -> ColumnVector {
        ColumnVector(.int64(v.map { $0 ?? 0 }), validity: validity(v))
    }

    static func double(_ v: [Double?]) -> ColumnVector {
        ColumnVector(.double(v.map { $0 ?? 0 }), validity: validity(v))
    }

    static func string(_ v: [String?]) -> ColumnVector {
        var a = StringArray()
        for s in v { if let s { a.append(s) } else { a.appendEmpty() } }
        return ColumnVector(.string(a), validity: validity(v))
    }

    static func string(_ v: [String]) -> ColumnVector { ColumnVector(.string(StringArray(v))) }

    private static func validity<T>(_ v: [T?]) -> [Bool]? {
        v.contains { $0 == nil } ? v.map { $0 != nil } : nil
    }
}

/// The ratios and changes the curated tables publish; null where the denominator is 0 or missing.
enum Measure {
    static func ratio(_ a: Double, _ b: Double) -> Double? { b == 0 ? nil : a / b }
    static func ratio(_ a: Int64, _ b: Int64) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
    static func ratio(_ a: Double, _ b: Int64) -> Double? { b == 0 ? nil : a / Double(b) }

    /// Relative change (cur − prev) / prev.
    static func change(_ cur: Double?, _ prev: Double?) -> Double? {
        guard let cur, let prev, prev != 0 else { return nil }
        return (cur - prev) / prev
    }

    static func change(_ cur: Int64, _ prev: Int64?) -> Double? {
        guard let prev, prev != 0 else { return nil }
        return Double(cur - prev) / Double(prev)
    }

    /// Dollars per unit of `b` from an exact amount in cents: the nearest double of the amount
    /// over `b` (what DuckDB computes for `decimal / bigint`).
    static func moneyRatio(_ cents: Int64, _ b: Int64) -> Double? { b == 0 ? nil : Cents.double(cents) / Double(b) }
}
