import Testing

@testable import Ingestion

/// NUMERIC's binary form: ndigits, weight, sign, dscale, then base-10000 digits.
func numericBytes(weight: Int, sign: UInt16 = 0, scale: Int, digits: [Int]) -> [UInt8] {
    var bytes = CopyFixture.be16(digits.count) + CopyFixture.be16(weight) + CopyFixture.be16(Int(sign)) + CopyFixture.be16(scale)
    for digit in digits { bytes += CopyFixture.be16(digit) }
    return bytes
}

func numericText(_ bytes: [UInt8]) throws -> String { try bytes.withUnsafeBytes { try PGBinaryValue.numericText($0) } }
func numericValue(_ bytes: [UInt8]) throws -> PGDecimal { try bytes.withUnsafeBytes { try PGBinaryValue.numeric($0) } }

@Suite struct PGBinaryValueTests {
    @Test func decodesNumericTextExactly() throws {
        #expect(try numericText(numericBytes(weight: 0, scale: 2, digits: [1234, 5000])) == "1234.50")
        #expect(try numericText(numericBytes(weight: -1, sign: 0x4000, scale: 2, digits: [100])) == "-0.01")
        #expect(try numericText(numericBytes(weight: 0, scale: 2, digits: [])) == "0.00")
        #expect(try numericText(numericBytes(weight: 2, scale: 2, digits: [1234, 5678, 9012, 3400])) == "123456789012.34")
        #expect(try numericText(numericBytes(weight: 1, scale: 0, digits: [1])) == "10000")
        #expect(try numericText(numericBytes(weight: -2, scale: 8, digits: [1234])) == "0.00001234")
        #expect(try numericText(numericBytes(weight: 0, sign: 0xC000, scale: 0, digits: [])) == "NaN")
        #expect(try numericText(numericBytes(weight: 0, sign: 0xF000, scale: 0, digits: [])) == "-Infinity")
    }

    @Test func decodesNumericAsExactDecimal() throws {
        #expect(try numericValue(numericBytes(weight: 0, scale: 2, digits: [1234, 5000])) == PGDecimal(significand: 123450, scale: 2))
        #expect(try numericValue(numericBytes(weight: -1, sign: 0x4000, scale: 2, digits: [100])) == PGDecimal(significand: -1, scale: 2))
        #expect(try numericValue(numericBytes(weight: 2, scale: 2, digits: [1234, 5678, 9012, 3400])).description == "123456789012.34")
        #expect(try numericValue(numericBytes(weight: 0, scale: 1, digits: [40, 1000])).doubleValue == 40.1)
    }

    @Test func refusesNumericsWithoutAnExactDecimal() {
        #expect(throws: PGBinaryValue.Failure(reason: "numeric value NaN has no decimal form")) {
            try numericValue(numericBytes(weight: 0, sign: 0xC000, scale: 0, digits: []))
        }
        #expect(throws: PGBinaryValue.Failure(reason: "numeric value 100000000000000000000 has more than 18 significant digits")) {
            try numericValue(numericBytes(weight: 5, scale: 0, digits: [1]))
        }
        #expect(throws: PGBinaryValue.Failure(reason: "numeric value has an unknown sign 0x1234")) {
            try numericValue(numericBytes(weight: 0, sign: 0x1234, scale: 0, digits: []))
        }
        #expect(throws: PGBinaryValue.Failure(reason: "numeric value claims 2 digits but has 10 bytes")) {
            try numericValue(Array(numericBytes(weight: 0, scale: 0, digits: [1, 2]).dropLast(2)))
        }
    }

    @Test func decodesIntegersAndText() throws {
        #expect(try CopyFixture.be32(-7).withUnsafeBytes { try PGBinaryValue.int4($0) } == -7)
        let eight: [UInt8] = [0, 0, 0, 0, 0x3B, 0x9A, 0xCA, 0x00]
        #expect(try eight.withUnsafeBytes { try PGBinaryValue.int8($0) } == 1_000_000_000)
        #expect(try Array("Mayagüez".utf8).withUnsafeBytes { try PGBinaryValue.text($0) } == "Mayagüez")
        #expect(throws: PGBinaryValue.Failure(reason: "int8 value has 4 bytes, expected 8")) {
            try CopyFixture.be32(1).withUnsafeBytes { try PGBinaryValue.int8($0) }
        }
        #expect(throws: PGBinaryValue.Failure(reason: "text value is not valid UTF-8")) {
            try [0xFF, 0xFE].withUnsafeBytes { try PGBinaryValue.text($0) }
        }
    }

    @Test func decimalTextRoundTrips() {
        #expect(PGDecimal("-12.30") == PGDecimal(significand: -1230, scale: 2))
        #expect(PGDecimal("-12.30")?.description == "-12.30")
        #expect(PGDecimal("0.05")?.description == "0.05")
        #expect(PGDecimal("1O5") == nil)
        #expect(PGDecimal("") == nil)
    }
}
