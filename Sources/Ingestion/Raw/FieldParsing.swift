/// Fast, exact parsing of the numbers CMS writes: integers and plain decimals.
enum FieldParsing {
    /// An optionally signed decimal integer, nothing else (no spaces, no thousands separators).
    @inline(__always)
    static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if bytes.count > 0 && (bytes[0] == 0x2D || bytes[0] == 0x2B) {
            negative = bytes[0] == 0x2D
            index = 1
        }
        guard index < bytes.count, bytes.count - index <= 18 else { return bytes.count - index > 18 ? bigInt64(bytes) : nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// Integers with more than 18 digits: checked arithmetic.
    private static func bigInt64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return Int64(text)
    }

    /// Significant digits of the mantissa (before any exponent): leading and trailing zeros
    /// do not count.
    static func significantDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var first = -1, last = -1, index = 0, digitIndex = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x65 || byte == 0x45 { break }
            if byte &- 48 < 10 {
                if byte != 0x30 {
                    if first < 0 { first = digitIndex }
                    last = digitIndex
                }
                digitIndex += 1
            }
            index += 1
        }
        return first < 0 ? 0 : last - first + 1
    }

    /// Powers of ten that are exact doubles.
    static let powers: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// A decimal number. The common form `123.45` (at most 15 significant digits) is exact: both
    /// the digits and the power of ten are exact doubles and one division rounds correctly.
    /// Anything else (exponents, long digit strings) goes through Swift's correctly rounded parser.
    @inline(__always)
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if bytes.count > 0 && (bytes[0] == 0x2D || bytes[0] == 0x2B) {
            negative = bytes[0] == 0x2D
            index = 1
        }
        guard index < bytes.count else { return nil }
        var mantissa: Int64 = 0
        var digits = 0, fraction = 0
        var seenPoint = false, seenDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x2E && !seenPoint {
                seenPoint = true
            } else {
                let digit = byte &- 48
                guard digit < 10 else { return slowDouble(bytes) }
                seenDigit = true
                if digits > 0 || digit != 0 { digits += 1 }
                guard digits <= 15 else { return slowDouble(bytes) }
                mantissa = mantissa * 10 + Int64(digit)
                if seenPoint { fraction += 1 }
            }
            index += 1
        }
        guard seenDigit, fraction <= 22 else { return seenDigit ? slowDouble(bytes) : nil }
        let value = exactDecimal(significand: mantissa, scale: fraction)!
        return negative ? -value : value
    }

    /// `significand / 10^scale` as the nearest double when both parts are exact (one rounding,
    /// so the same value as parsing the decimal text); nil when they are not.
    @inline(__always)
    static func exactDecimal(significand: Int64, scale: Int) -> Double? {
        guard scale >= 0, scale <= 22, significand.magnitude < (1 << 53) else { return nil }
        return Double(significand) / powers[scale]
    }

    /// The most significant digits a double column accepts: every decimal text of 15
    /// significant digits comes back unchanged from the nearest double, so such a number is
    /// stored exactly (in the round-trip sense); a longer one would be silently rounded and is
    /// rejected instead (kept in `_rescued`, the row quarantined with the column named).
    static let maxSignificantDigits = 15

    private static func slowDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard significantDigits(bytes) <= maxSignificantDigits else { return nil }
        guard let text = String(validating: bytes, as: UTF8.self), let value = Double(text), value.isFinite else { return nil }
        // Swift's parser also accepts "nan", "inf" and hex floats; a CMS number is none of those.
        guard text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }) else { return nil }
        return value
    }
}
