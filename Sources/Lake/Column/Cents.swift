/// Exact money: DECIMAL(18,2) values held as an `Int64` count of cents.
///
/// Money never passes through a binary double on its way from source text to a Parquet
/// file, a sum or a download: text is parsed digit by digit into cents, sums are checked
/// integer additions, and text is written back with exactly two decimals.
public enum Cents {
    /// The Parquet DECIMAL precision rxpipe writes (the widest that fits an INT64, as Spark
    /// and DuckDB store DECIMAL(18, s)).
    public static let precision: Int32 = 18
    /// Digits after the decimal point.
    public static let scale: Int32 = 2
    /// The largest magnitude of an 18-digit decimal, in cents.
    public static let maxMagnitude: Int64 = 999_999_999_999_999_999

    /// Why a text is not an amount of money.
    public enum ParseFailure: Error, Sendable, Equatable {
        /// Not a plain decimal number (letters, thousands separators, exponents, empty).
        case notANumber
        /// Exact only with more than two decimals (`12.345`); trailing zeros are fine.
        case tooManyDecimals
        /// Beyond the 18 digits of DECIMAL(18,2).
        case outOfRange

        /// The reason as a message fragment ("has more than 2 decimals").
        public var reason: String {
            switch self {
            case .notANumber: return "is not a number"
            case .tooManyDecimals: return "has more than 2 decimals"
            case .outOfRange: return "does not fit DECIMAL(18,2)"
            }
        }
    }

    /// Parses `[+-]digits[.digits]` (digits on at least one side of the point) into cents.
    @inlinable
    public static func parse(_ text: UnsafeRawBufferPointer) -> Result<Int64, ParseFailure> {
        let n = text.count
        var i = 0
        var negative = false
        if n > 0 && (text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+")) {
            negative = text[0] == UInt8(ascii: "-")
            i = 1
        }
        var units: Int64 = 0
        var digits = 0
        var significant = 0
        while i < n, text[i] &- 48 < 10 {
            let d = Int64(text[i] &- 48)
            if units != 0 || d != 0 { significant += 1 }
            guard significant <= 16 else { return .failure(.outOfRange) }
            units = units * 10 + d
            digits += 1
            i += 1
        }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if i < n && text[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, text[i] &- 48 < 10 {
                let d = Int64(text[i] &- 48)
                if fractionDigits < 2 {
                    fraction = fraction * 10 + d
                } else if d != 0 {
                    return allDigits(text, from: i) ? .failure(.tooManyDecimals) : .failure(.notANumber)
                }
                fractionDigits += 1
                i += 1
            }
        }
        guard i == n, digits + fractionDigits > 0 else { return .failure(.notANumber) }
        if fractionDigits == 1 { fraction *= 10 }
        let cents = units * 100 + fraction
        return .success(negative ? -cents : cents)
    }

    /// Parses a Swift string (slow path for configuration, partitions and tests).
    public static func parse(_ text: String) -> Result<Int64, ParseFailure> {
        var s = text
        return s.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// The amount with exactly two decimals: `196282.97`, `-0.05`, `12.00`.
    public static func text(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let units = magnitude / 100, fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + String(units) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }

    /// The nearest double to the exact amount (for ratios and charts, never for sums).
    @inlinable
    public static func double(_ cents: Int64) -> Double { Double(cents) / 100 }

    /// Cents for a double amount rounded half away from zero (values from sources that only
    /// give doubles, such as a float Parquet column written by another tool); nil when out
    /// of range or not finite.
    public static func rounding(_ amount: Double) -> Int64? {
        guard amount.isFinite else { return nil }
        let scaled = (amount * 100).rounded(.toNearestOrAwayFromZero)
        guard scaled.magnitude <= Double(maxMagnitude) else { return nil }
        return Int64(scaled)
    }

    /// `a + b`, or nil on Int64 overflow (a sum beyond ±92 quadrillion dollars).
    @inlinable
    public static func adding(_ a: Int64, _ b: Int64) -> Int64? {
        let (s, o) = a.addingReportingOverflow(b)
        return o ? nil : s
    }

    @usableFromInline
    static func allDigits(_ text: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var i = start
        while i < text.count { guard text[i] &- 48 < 10 else { return false }; i += 1 }
        return true
    }
}
