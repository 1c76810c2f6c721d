import Lake

/// An exact decimal: `significand` × 10^-`scale`. Money in numeric(14,2) is kept to the cent,
/// never rounded through Double.
public struct PGDecimal: Hashable, Sendable, CustomStringConvertible {
    public var significand: Int64
    /// Digits after the decimal point (PostgreSQL's display scale).
    public var scale: Int

    public init(significand: Int64, scale: Int) {
        self.significand = significand
        self.scale = scale
    }

    /// Parses plain decimal text such as `-12.30` (no exponent); nil if it is not one or does
    /// not fit 18 digits.
    public init?(_ text: some StringProtocol) {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if utf8.first == UInt8(ascii: "-") || utf8.first == UInt8(ascii: "+") {
            negative = utf8.first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var value: Int64 = 0, scale = 0, digits = 0, seenPoint = false
        for byte in utf8 {
            if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
                continue
            }
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(byte - 0x30))
            guard !o1 && !o2 else { return nil }
            value = sum
            digits += 1
            if seenPoint { scale += 1 }
        }
        guard digits > 0 else { return nil }
        self.init(significand: negative ? -value : value, scale: scale)
    }

    /// `-12.30`: the scale's digits are always written, as PostgreSQL does.
    public var description: String {
        let magnitude = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        guard scale > 0 else { return sign + magnitude }
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }

    /// The exact amount in cents, or nil when it needs more than 2 decimals or 18 digits.
    public var cents: Int64? {
        var value = significand, s = scale
        while s > 2 {
            guard value % 10 == 0 else { return nil }
            value /= 10
            s -= 1
        }
        while s < 2 {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            guard !o else { return nil }
            value = m
            s += 1
        }
        return value.magnitude <= UInt64(Cents.maxMagnitude) ? value : nil
    }

    /// The nearest Double (correctly rounded, via the decimal text).
    public var doubleValue: Double { Double(description)! }
}
