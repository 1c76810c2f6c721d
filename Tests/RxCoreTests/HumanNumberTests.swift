import Testing

@testable import RxCore

@Suite struct HumanNumberTests {
    @Test(arguments: [
        (1_234.0, "1,234"), (999.0, "999"), (9_999.0, "9,999"), (12_345.0, "12.3K"), (3_400_000.0, "3.4M"),
        (1_200_000_000.0, "1.2B"), (5e12, "5T"), (999_960.0, "1M"), (999_949.0, "999.9K"), (0.0, "0"), (2.5, "2.5"),
        (-3_400_000.0, "−3.4M"), (1_000_000.0, "1M"),
    ])
    func compact(_ value: Double, _ expected: String) {
        #expect(HumanNumber.compact.format(value) == expected)
    }

    @Test(arguments: [
        (1.2e9, "$1.2B"), (16.48e9, "$16.5B"), (950.0, "$950"), (12_300.0, "$12.3K"), (-4.2e6, "−$4.2M"), (0.0, "$0"),
        (-0.01, "$0"),
    ])
    func currency(_ value: Double, _ expected: String) {
        #expect(HumanNumber.currency.format(value) == expected)
    }

    @Test(arguments: [(0.125, "12.5%"), (1.0, "100%"), (-0.034, "−3.4%"), (0.0, "0%"), (-0.0001, "0%"), (12.5, "1,250%")])
    func percent(_ value: Double, _ expected: String) {
        #expect(HumanNumber.percent.format(value) == expected)
    }

    @Test func integerAndDecimal() {
        #expect(HumanNumber.integer.format(1_234.4) == "1,234")
        #expect(HumanNumber.integer.format(-1_234_567.6) == "−1,234,568")
        #expect(HumanNumber.integer.format(-0.2) == "0")
        #expect(HumanNumber(.decimal(2)).format(0.7) == "0.70")
        #expect(HumanNumber(.decimal(2)).format(-0.123) == "−0.12")
        #expect(HumanNumber(.decimal(2)).format(-0.001) == "0.00")
        #expect(HumanNumber(.decimal(1)).format(12_345.67) == "12,345.7")
    }

    @Test func missingValues() {
        for style in [HumanNumber.compact, .currency, .percent, .integer, HumanNumber(.decimal(2))] {
            #expect(style.format(.nan) == "–")
            #expect(style.format(.infinity) == "–")
            #expect(style.format(-.infinity) == "–")
        }
    }

    @Test func precisionIsConfigurable() {
        #expect(HumanNumber(.compact, precision: 2).format(1_234_567) == "1.23M")
        #expect(HumanNumber(.percent, precision: 0).format(0.126) == "13%")
    }
}

@Suite struct HumanNumberAlignedTests {
    @Test func alignedKeepsOnePrecision() {
        #expect(HumanNumber.currency.aligned.format(3e9) == "$3.0B")
        #expect(HumanNumber.currency.aligned.format(16.48e9) == "$16.5B")
        #expect(HumanNumber.currency.aligned.format(950) == "$950")
        #expect(HumanNumber.percent.aligned.format(0.2) == "20.0%")
        #expect(HumanNumber.compact.aligned.format(999_960) == "1.0M")
    }
}
