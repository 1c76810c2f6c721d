/// National Provider Identifiers: 10 digits, the last a Luhn check digit computed over the
/// 9-digit base prefixed with 80840 (the ISO card-issuer prefix for US health identifiers).
public enum NPI {
    /// The check digit for a 9-digit base (100000000…299999999 in practice).
    public static func checkDigit(base: Int) -> Int {
        precondition((0...999_999_999).contains(base), "an NPI base has 9 digits")
        var sum = 24  // the Luhn contribution of the 80840 prefix
        var rest = base
        // From the right: the base digit next to the check digit is doubled, then every other one.
        for position in 0..<9 {
            let digit = rest % 10
            rest /= 10
            if position % 2 == 0 {
                let twice = digit * 2
                sum += twice > 9 ? twice - 9 : twice
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }

    /// The full 10-digit NPI for a base.
    public static func make(base: Int) -> Int { base * 10 + checkDigit(base: base) }

    /// True when `text` is exactly 10 ASCII digits with a valid check digit.
    public static func isValid<S: StringProtocol>(_ text: S) -> Bool {
        isValid(utf8: Array(text.utf8))
    }

    /// The byte-level check used on hot paths.
    public static func isValid(utf8 bytes: [UInt8]) -> Bool {
        guard bytes.count == 10, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        let base = bytes[0..<9].reduce(0) { $0 * 10 + Int($1 - 48) }
        return checkDigit(base: base) == Int(bytes[9] - 48)
    }
}
