/// The reject rules of the prescriber-drug fact rows, in `CleanseRule` order: one table that
/// both the parallel screen (does any rule fire?) and the quarantine path (which fires first,
/// and its message) read, so the two cannot disagree. The check builds no text; the message
/// is made only for the rows that go to quarantine.
enum FactRuleCheck: Equatable {
    case missing(KeyPath<FactColumnNames, String>)
    case yearOutside
    case npiFormat
    case negative(KeyPath<FactColumnNames, String>)
    case claimsBelowMinimum
    case unknownFlag(KeyPath<FactColumnNames, String>)

    /// The smallest `Tot_Clms` CMS publishes (rows with 1–10 claims are left out of the files).
    static let minimumClaims: Int64 = 11

    var rule: CleanseRule {
        switch self {
        case .missing: return .required
        case .yearOutside: return .yearRange
        case .npiFormat: return .npiFormat
        case .negative: return .nonNegative
        case .claimsBelowMinimum: return .claimsMin
        case .unknownFlag: return .flagKnown
        }
    }

    /// The first rule row `r` breaks, nil when it passes them all (layout findings aside).
    @inline(__always)
    static func first(_ b: FactBatch, _ r: Int, years: ClosedRange<Int64>) -> FactRuleCheck? {
        if b.npi.isNull(r) { return .missing(\.npi) }
        if b.year.isNull(r) { return .missing(\.year) }
        if b.claims.isNull(r) { return .missing(\.claims) }
        if b.cost.isNull(r) { return .missing(\.cost) }
        if !years.contains(b.year.values[r]) { return .yearOutside }
        if !FactProcessor.validNPI(b.npi.values[r]) { return .npiFormat }
        @inline(__always) func negative(_ c: NullableInts) -> Bool { c.values[r] < 0 && !c.isNull(r) }
        @inline(__always) func negative(_ c: NullableDoubles) -> Bool { c.values[r] < 0 && !c.isNull(r) }
        @inline(__always) func negative(_ c: NullableCents) -> Bool { c.values[r] < 0 && !c.isNull(r) }
        if negative(b.claims) { return .negative(\.claims) }
        if negative(b.fills) { return .negative(\.fills) }
        if negative(b.daySupply) { return .negative(\.daySupply) }
        if negative(b.cost) { return .negative(\.cost) }
        if negative(b.benes) { return .negative(\.benes) }
        if negative(b.ge65Claims) { return .negative(\.ge65Claims) }
        if negative(b.ge65Fills) { return .negative(\.ge65Fills) }
        if negative(b.ge65Cost) { return .negative(\.ge65Cost) }
        if negative(b.ge65DaySupply) { return .negative(\.ge65DaySupply) }
        if negative(b.ge65Benes) { return .negative(\.ge65Benes) }
        if b.claims.values[r] < minimumClaims { return .claimsBelowMinimum }
        if b.ge65Flag[r] == .other { return .unknownFlag(\.ge65Flag) }
        if b.ge65BeneFlag[r] == .other { return .unknownFlag(\.ge65BeneFlag) }
        return nil
    }

    /// The quarantine message, naming the column as the source spells it.
    func message(_ b: FactBatch, _ r: Int, names: FactColumnNames, years: ClosedRange<Int64>) -> String {
        switch self {
        case .missing(let column): return "\(names[keyPath: column]) is missing"
        case .yearOutside:
            return "\(names.year) \(b.year.values[r]) is outside the data years \(years.lowerBound)–\(years.upperBound) ([source] min_year, max_year)"
        case .npiFormat: return "\(names.npi) is not 10 digits with a valid check digit"
        case .negative(let column): return "\(names[keyPath: column]) is negative"
        case .claimsBelowMinimum: return "\(names.claims) is \(b.claims.values[r]), below the CMS minimum of \(Self.minimumClaims)"
        case .unknownFlag(let column): return "\(names[keyPath: column]) is not empty, * or #"
        }
    }
}
