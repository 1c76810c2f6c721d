/// What a rule does to a row that breaks it.
public enum RuleSeverity: String, Sendable, Codable {
    /// The row goes to quarantine.
    case reject
    /// The row is kept and counted.
    case warn
    /// The row is repaired, kept and counted.
    case fix
    /// The row is removed and counted (exact duplicates only).
    case drop
}

/// The cleansing rules, in the order they are checked. Each has a stable id (used in
/// quarantine, `quality.json` and on the site), a severity and a plain-language description.
public enum CleanseRule: String, Sendable, CaseIterable, Codable {
    case rescued
    case loadRejected = "load_rejected"
    case required
    case yearRange = "year_range"
    case npiFormat = "npi_format"
    case stateKnown = "state_known"
    case nonNegative = "non_negative"
    case claimsMin = "claims_min"
    case flagKnown = "flag_known"
    case orphan
    case conflictingKey = "conflicting_key"
    case duplicateRow = "duplicate_row"
    case stateFIPS = "state_fips"
    case suppression
    case fillsVsClaims = "fills_vs_claims"
    case ge65WithinTotal = "ge65_within_total"
    case prescriberConflict = "prescriber_conflict"
    case encodingRepair = "encoding_repair"
    case strayQuote = "stray_quote"
    case extraColumn = "extra_column"

    public var id: String { rawValue }

    public var severity: RuleSeverity {
        switch self {
        case .rescued, .loadRejected, .required, .yearRange, .npiFormat, .stateKnown, .nonNegative, .claimsMin, .flagKnown, .orphan, .conflictingKey:
            return .reject
        case .duplicateRow: return .drop
        case .stateFIPS, .suppression, .encodingRepair: return .fix
        case .fillsVsClaims, .ge65WithinTotal, .prescriberConflict, .strayQuote, .extraColumn: return .warn
        }
    }

    public var description: String {
        switch self {
        case .rescued:
            return "A field did not parse as its type at ingest (its original text is in _rescued; a number that does not fit its type exactly, "
                + "such as a 30-digit decimal, included), the row had the wrong number of fields (a record swallowing several lines says how many), "
                + "a field held a NUL byte, a quoted field had text after its closing quote (a backslash-escaped quote), or a field was not UTF-8 "
                + "in a file that otherwise is (the byte offset is given)."
        case .loadRejected:
            return "rxpipe db load could not load the row into PostgreSQL (ragged, a figure that is not a number, a record over the size limit): "
                + "it never reached the database, so the run reads it from rxpipe_load_rejects and quarantines it with its CMS file and line."
        case .required: return "The NPI, year, brand name, generic name, total claims and total drug cost must be present."
        case .yearRange: return "The data year must lie within [source] min_year (2013, the first CMS year) and max_year (default: the current year)."
        case .npiFormat: return "The NPI must be 10 digits with a valid check digit (Luhn over the 80840 prefix)."
        case .stateKnown:
            return "The state code must be one CMS uses: the 50 states, DC, the territories, XX, ZZ, AA, AE or AP. The state belongs to the prescriber: "
                + "a row with an unknown code takes the state its NPI's other rows give that year (counted under prescriber_conflict); "
                + "only an NPI with no known state that year is rejected."
        case .nonNegative: return "Claims, 30-day fills, day supply, drug cost and beneficiary counts cannot be negative."
        case .claimsMin: return "Total claims must be at least 11: CMS publishes no row with fewer."
        case .flagKnown: return "A suppression flag is either empty, * or #."
        case .orphan: return "A prescriber-drug row must point at a prescriber and a drug that exist (and passed their own checks)."
        case .conflictingKey: return "The same year, prescriber and drug appear again with different figures or prescriber details (name, city, state, specialty): the first row (in source order) is kept, later ones are quarantined."
        case .duplicateRow: return "Exact copies of an earlier row (the same figures, flags and prescriber details; drug names compared case-insensitively) are removed."
        case .stateFIPS: return "The state FIPS code is set to the one that belongs to the state code."
        case .suppression: return "A value present where its suppression flag says it was suppressed, or a beneficiary count of 1-10 that arrived unsuppressed, is removed: small counts are never published."
        case .fillsVsClaims: return "30-day fills are expected to be at least the number of claims."
        case .ge65WithinTotal: return "Figures for beneficiaries 65 and over are expected not to exceed the totals."
        case .prescriberConflict: return "One NPI appears with different names, places or specialties within one year: the most frequent wins, ties go to the first seen."
        case .encodingRepair: return "The source file is not UTF-8 anywhere it has non-ASCII bytes, so it was read as Windows-1252 (only a file that is consistently Windows-1252 is repaired)."
        case .strayQuote: return "A quote inside an unquoted field (O\"BRIEN) is kept as written."
        case .extraColumn: return "A value in a column rxpipe does not know is kept in the raw zone only, not in the cleansed tables."
        }
    }
}
