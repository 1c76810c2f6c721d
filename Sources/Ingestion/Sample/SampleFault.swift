/// A bad row the generator mixes in on purpose (`--faults K`), so validation, quarantine and
/// the quality pages have something real to catch. Each kind breaks exactly one rule.
public enum SampleFaultKind: String, CaseIterable, Sendable, Codable {
    case badNPI = "bad_npi"
    case negativeCost = "negative_cost"
    case unknownState = "unknown_state"
    case nonNumericClaims = "non_numeric_claims"
    case duplicateRow = "duplicate_row"
    case suppressedWithValue = "suppressed_with_value"
    case raggedRow = "ragged_row"
    case claimsBelowMinimum = "claims_below_minimum"
    case conflictingKey = "conflicting_key"
    case smallBeneficiaryCount = "small_beneficiary_count"

    public var summary: String {
        switch self {
        case .badNPI: return "an NPI whose check digit is wrong"
        case .negativeCost: return "a negative Tot_Drug_Cst"
        case .unknownState: return "a state code (QQ) that CMS does not use"
        case .nonNumericClaims: return "Tot_Clms that is not a number (\"1O5\")"
        case .duplicateRow: return "an exact copy of the row before"
        case .suppressedWithValue: return "GE65_Sprsn_Flag \"*\" with the 65+ values still present"
        case .raggedRow: return "a row with only 18 of the 22 fields"
        case .claimsBelowMinimum: return "Tot_Clms of 7 (CMS publishes no row under 11)"
        case .conflictingKey: return "the row before's prescriber and drug again, with other figures"
        case .smallBeneficiaryCount: return "Tot_Benes of 7, which CMS would have left blank"
        }
    }
}

/// Where a fault was written: the 1-based line of the file (the header is line 1).
public struct SampleFault: Equatable, Sendable, Codable {
    public let line: Int
    public let kind: SampleFaultKind
}
