/// Decoders for the binary send formats of the column types rxpipe reads (int4, int8, text,
/// numeric). Each throws `PGBinaryValue.Failure` with a reason; callers add table and column.
public enum PGBinaryValue {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    public static func int4(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Int32 {
        guard bytes.count == 4 else { throw Failure(reason: "int4 value has \(bytes.count) bytes, expected 4") }
        return Int32(bitPattern: bytes.bigEndianUInt32(at: 0))
    }

    public static func int8(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Int64 {
        guard bytes.count == 8 else { throw Failure(reason: "int8 value has \(bytes.count) bytes, expected 8") }
        return Int64(bitPattern: bytes.bigEndianUInt64(at: 0))
    }

    public static func text(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> String {
        // The connection's client_encoding is UTF8 (set by the reader), so this is exact.
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(reason: "text value is not valid UTF-8")
        }
        return text
    }

    /// NUMERIC's fixed header and base-10000 digits, as the server sends them.
    public struct NumericParts: Equatable, Sendable {
        public enum Sign: Equatable, Sendable { case positive, negative, nan, positiveInfinity, negativeInfinity }
        /// Power of 10000 of the first digit.
        public var weight: Int
        public var sign: Sign
        /// Digits after the decimal point to display.
        public var displayScale: Int
        /// Base-10000 digits, most significant first, each 0…9999.
        public var digits: [Int]
    }

    public static func numericParts(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> NumericParts {
        guard bytes.count >= 8 else { throw Failure(reason: "numeric value has \(bytes.count) bytes, fewer than its 8-byte header") }
        let count = Int(Int16(bitPattern: bytes.bigEndianUInt16(at: 0)))
        let weight = Int(Int16(bitPattern: bytes.bigEndianUInt16(at: 2)))
        let signBits = bytes.bigEndianUInt16(at: 4)
        let scale = Int(bytes.bigEndianUInt16(at: 6))
        guard count >= 0, bytes.count == 8 + 2 * count else {
            throw Failure(reason: "numeric value claims \(count) digits but has \(bytes.count) bytes")
        }
        let sign: NumericParts.Sign
        switch signBits {
        case 0x0000: sign = .positive
        case 0x4000: sign = .negative
        case 0xC000: sign = .nan
        case 0xD000: sign = .positiveInfinity
        case 0xF000: sign = .negativeInfinity
        default: throw Failure(reason: "numeric value has an unknown sign 0x\(String(signBits, radix: 16))")
        }
        guard scale & 0xC000 == 0 else { throw Failure(reason: "numeric value has an invalid display scale \(scale)") }
        var digits: [Int] = []
        digits.reserveCapacity(count)
        for index in 0..<count {
            let digit = Int(Int16(bitPattern: bytes.bigEndianUInt16(at: 8 + 2 * index)))
            guard (0...9999).contains(digit) else { throw Failure(reason: "numeric value has an invalid digit \(digit)") }
            digits.append(digit)
        }
        return NumericParts(weight: weight, sign: sign, displayScale: scale, digits: digits)
    }

    /// The exact decimal text PostgreSQL itself would print (`numeric_out`), any size:
    /// `1234.50`, `-0.0001`, `NaN`, `Infinity`.
    public static func numericText(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> String {
        let parts = try numericParts(bytes)
        switch parts.sign {
        case .nan: return "NaN"
        case .positiveInfinity: return "Infinity"
        case .negativeInfinity: return "-Infinity"
        case .positive, .negative: break
        }
        func digit(_ index: Int) -> Int { index >= 0 && index < parts.digits.count ? parts.digits[index] : 0 }
        var text = parts.sign == .negative ? "-" : ""
        if parts.weight < 0 {
            text += "0"
        } else {
            for index in 0...parts.weight {
                let group = String(digit(index))
                text += index == 0 ? group : String(repeating: "0", count: 4 - group.count) + group
            }
        }
        if parts.displayScale > 0 {
            var fraction = ""
            var index = parts.weight + 1
            while fraction.count < parts.displayScale {
                let group = String(digit(index))
                fraction += String(repeating: "0", count: 4 - group.count) + group
                index += 1
            }
            text += "." + fraction.prefix(parts.displayScale)
        }
        return text
    }

    /// `NaN`, `Infinity` or `-Infinity` when the numeric is one of those (sign word 0xC000,
    /// 0xD000, 0xF000), else nil.
    public static func nonFiniteNumeric(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count >= 8 else { return nil }
        switch bytes.bigEndianUInt16(at: 4) {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        default: return nil
        }
    }

    /// The value as an exact `PGDecimal` with the server's display scale; fails for NaN,
    /// infinities and values beyond 18 significant digits rather than rounding.
    public static func numeric(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> PGDecimal {
        // Hot path (millions of values): read the digits in place, no intermediate array.
        guard bytes.count >= 8 else { throw Failure(reason: "numeric value has \(bytes.count) bytes, fewer than its 8-byte header") }
        let count = Int(Int16(bitPattern: bytes.bigEndianUInt16(at: 0)))
        let weight = Int(Int16(bitPattern: bytes.bigEndianUInt16(at: 2)))
        let signBits = bytes.bigEndianUInt16(at: 4)
        let scale = Int(bytes.bigEndianUInt16(at: 6))
        guard count >= 0, bytes.count == 8 + 2 * count, signBits == 0 || signBits == 0x4000, scale & 0xC000 == 0 else {
            // Let the full parser name what is wrong (or that NaN/Infinity has no decimal form).
            _ = try numericParts(bytes)
            throw Failure(reason: "numeric value \(try numericText(bytes)) has no decimal form")
        }
        var significand: Int64 = 0
        for index in 0..<count {
            let digit = Int64(Int16(bitPattern: bytes.bigEndianUInt16(at: 8 + 2 * index)))
            guard digit >= 0 && digit <= 9999 else { throw Failure(reason: "numeric value has an invalid digit \(digit)") }
            if digit == 0 { continue }
            // digit × 10000^(weight-index) × 10^scale
            let exponent = 4 * (weight - index) + scale
            var term = digit
            if exponent >= 0 {
                guard exponent <= 18 else { throw tooLarge(bytes) }
                let (scaled, overflow) = term.multipliedReportingOverflow(by: powersOfTen[exponent])
                guard !overflow else { throw tooLarge(bytes) }
                term = scaled
            } else {
                guard -exponent <= 4, term % powersOfTen[-exponent] == 0 else {
                    throw Failure(reason: "numeric value has digits beyond its display scale \(scale)")
                }
                term /= powersOfTen[-exponent]
            }
            let (sum, overflow) = significand.addingReportingOverflow(term)
            guard !overflow else { throw tooLarge(bytes) }
            significand = sum
        }
        return PGDecimal(significand: signBits == 0x4000 ? -significand : significand, scale: scale)
    }

    private static let powersOfTen: [Int64] = (0...18).map { exponent in (0..<exponent).reduce(Int64(1)) { value, _ in value * 10 } }

    private static func tooLarge(_ bytes: UnsafeRawBufferPointer) -> Failure {
        let text = (try? numericText(bytes)) ?? "?"
        return Failure(reason: "numeric value \(text) has more than 18 significant digits")
    }
}
