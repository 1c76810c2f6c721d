import Columnar
import Lake

/// Everything the curated tables need from `cleansed/prescriber_drug`, accumulated in one
/// pass: per prescriber-year, per drug-year, per (year, state, generic) and per (year,
/// specialty, generic), plus the (prescriber, drug) pairs for the distinct counts. One
/// instance per worker; partials merge in worker order, so sums are the same on every run.
struct FactAggregates: Sendable {
    /// Key of the state and specialty aggregates: year index, state or type code, generic.
    static let key = GroupKey(widths: [16, 20, 28])

    let drugCount: Int
    // Per prescriber p.
    var pClaims: [Int64]
    /// Cents (exact; see `costMagnitude`).
    var pCost: [Int64]
    var pGenericClaims: [Int64]
    var pRows: [Int32]
    // Per drug-year yd = y * drugCount + d.
    var dClaims: [Int64]
    var dCost: [Int64]
    var dFills: [Double]
    var dFillsSeen: [Int32]
    var dDays: [Int64]
    var dDaysSeen: [Int32]
    var dRows: [Int32]
    /// (y, state, g) → claims, cost.
    var stateGeneric = HashAggregate([.init(.sum, column: 0), .init(.sum, column: 1)])
    /// (y, type, g) → claims, cost.
    var typeGeneric = HashAggregate([.init(.sum, column: 0), .init(.sum, column: 1)])
    var pairPrescriber: [Int32] = []
    var pairDrug: [Int32] = []
    var rows = 0
    /// Σ|cost| over every row, in cents, checked against Int64 overflow row by row: while it
    /// fits, every sum of costs over any grouping fits too, so the group sums need no check.
    var costMagnitude: Int64 = 0

    init(prescribers: Int, drugs: Int, years: Int) {
        drugCount = drugs
        pClaims = .init(repeating: 0, count: prescribers)
        pCost = .init(repeating: 0, count: prescribers)
        pGenericClaims = .init(repeating: 0, count: prescribers)
        pRows = .init(repeating: 0, count: prescribers)
        let n = drugs * years
        dClaims = .init(repeating: 0, count: n)
        dCost = .init(repeating: 0, count: n)
        dFills = .init(repeating: 0, count: n)
        dFillsSeen = .init(repeating: 0, count: n)
        dDays = .init(repeating: 0, count: n)
        dDaysSeen = .init(repeating: 0, count: n)
        dRows = .init(repeating: 0, count: n)
    }

    /// Adds `other` (the next worker's partial) into this one.
    mutating func merge(_ other: inout FactAggregates) throws {
        costMagnitude = try Self.checked(costMagnitude, other.costMagnitude)
        for i in pClaims.indices {
            pClaims[i] += other.pClaims[i]
            pCost[i] += other.pCost[i]
            pGenericClaims[i] += other.pGenericClaims[i]
            pRows[i] += other.pRows[i]
        }
        for i in dClaims.indices {
            dClaims[i] += other.dClaims[i]
            dCost[i] += other.dCost[i]
            dFills[i] += other.dFills[i]
            dFillsSeen[i] += other.dFillsSeen[i]
            dDays[i] += other.dDays[i]
            dDaysSeen[i] += other.dDaysSeen[i]
            dRows[i] += other.dRows[i]
        }
        try stateGeneric.merge(other.stateGeneric)
        try typeGeneric.merge(other.typeGeneric)
        pairPrescriber += other.pairPrescriber
        pairDrug += other.pairDrug
        rows += other.rows
        other.pairPrescriber = []
        other.pairDrug = []
    }

    /// `a + b` for the cost magnitude, or the transform's overflow error.
    static func checked(_ a: Int64, _ b: Int64) throws -> Int64 {
        guard let s = Cents.adding(a, b) else { throw costOverflow }
        return s
    }

    static let costOverflow = TransformError.badColumn(
        table: FactPass.table, column: "tot_drug_cst", problem: "sums to more than an exact 64-bit sum of cents holds")
}
