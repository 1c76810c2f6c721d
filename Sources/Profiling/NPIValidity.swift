import RxCore

/// The NPI check of an identifier column holding NPIs: how many values are real NPIs.
public struct NPIValidity: Sendable, Equatable {
    /// Values checked: every value except pseudonyms.
    public var checked = 0
    /// Values that are 10 digits with a valid Luhn check digit (prefix 80840).
    public var valid = 0
    /// Values at or above 2^61: pseudonyms written by `[privacy] pseudonymize`, not NPIs.
    public var pseudonyms = 0

    public var validShare: Double? { checked > 0 ? Double(valid) / Double(checked) : nil }

    /// A 10-digit number whose last digit is the Luhn check digit of the first nine.
    static func isValid(_ v: Int64) -> Bool {
        guard (1_000_000_000...9_999_999_999).contains(v) else { return false }
        return NPI.checkDigit(base: Int(v / 10)) == Int(v % 10)
    }

    /// The check over a text column's exact value counts (a pseudonym is a decimal ≥ 2^61).
    static func of(_ counts: [String: Int]) -> NPIValidity {
        var out = NPIValidity()
        for (value, n) in counts {
            if let v = UInt64(value), v >= 1 << 61 {
                out.pseudonyms += n
            } else {
                out.checked += n
                if NPI.isValid(value) { out.valid += n }
            }
        }
        return out
    }
}
