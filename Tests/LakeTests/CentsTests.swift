import Testing
@testable import Lake

/// Money text to cents and back, exactly.
@Suite struct CentsTests {
    @Test(arguments: [("196282.97", Int64(19_628_297)), ("0", 0), ("12.5", 1250), ("-0.05", -5), ("+7.", 700), (".25", 25),
                      ("12.500", 1250), ("9999999999999999.99", 999_999_999_999_999_999)])
    func parsesExactly(_ text: String, _ cents: Int64) {
        #expect(Cents.parse(text) == .success(cents))
    }

    @Test(arguments: [("12.345", Cents.ParseFailure.tooManyDecimals), ("1,200.00", .notANumber), ("1e3", .notANumber),
                      ("", .notANumber), (".", .notANumber), ("12.3x", .notANumber), ("10000000000000000", .outOfRange)])
    func rejects(_ text: String, _ failure: Cents.ParseFailure) {
        #expect(Cents.parse(text) == .failure(failure))
    }

    @Test func writesTwoDecimals() {
        #expect([19_628_297, 0, -5, 1250, -123_456].map(Cents.text) == ["196282.97", "0.00", "-0.05", "12.50", "-1234.56"])
        #expect("\(Cents.double(19_628_297))" == "196282.97")
    }

    @Test func readsOtherWritersDecimals() {
        #expect(DecimalRescale.toCents(1965, scale: 1) == 19_650)
        #expect(DecimalRescale.toCents(.max / 2, scale: 0) == nil)
        let bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFB]
        #expect(bytes.withUnsafeBytes { DecimalRescale.bigEndian($0) } == -5)
        let wide: [UInt8] = [0x01] + [UInt8](repeating: 0, count: 8)
        #expect(wide.withUnsafeBytes { DecimalRescale.bigEndian($0) } == nil)
        // A DECIMAL(28,2) value as Spark stores it: 12 bytes, sign-extended.
        let sparkSum: [UInt8] = [UInt8](repeating: 0xFF, count: 8) + [0xFF, 0xFF, 0xFE, 0x0C]
        #expect(sparkSum.withUnsafeBytes { DecimalRescale.bigEndian($0) } == -500)
    }

    @Test func aValueBeyondEighteenDigitsIsRefusedWhateverTheDeclaredPrecision() {
        #expect(DecimalRescale.toCents(Cents.maxMagnitude, scale: 2) == Cents.maxMagnitude)
        #expect(DecimalRescale.toCents(-Cents.maxMagnitude, scale: 2) == -Cents.maxMagnitude)
        #expect(DecimalRescale.toCents(Cents.maxMagnitude + 1, scale: 2) == nil)
        // Fits Int64 after scaling, but not 18 digits.
        #expect(DecimalRescale.toCents(50_000_000_000_000_000, scale: 0) == nil)
        #expect(throws: FormatError.self) {
            try DecimalRescale.cents(ints: [1, Cents.maxMagnitude + 1], scale: 2, column: "total_drug_cost")
        }
        #expect((try? DecimalRescale.cents(ints: [1, -Cents.maxMagnitude], scale: 2, column: "c")) == [1, -Cents.maxMagnitude])
    }
}
