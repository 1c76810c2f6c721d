import Testing

@testable import RxCore

@Suite struct NumberColumnTests {
    @Test func aColumnSharesOneUnitAndPrecision() {
        #expect(HumanNumber.currency.column([1e6, 1.1e6, 2.26e6]) == ["$1.0M", "$1.1M", "$2.3M"])
        #expect(HumanNumber.currency.column([800e3, 11.13e6]) == ["$0.8M", "$11.1M"])
        #expect(HumanNumber.compact.column([54_000, 53_600, 141_300]) == ["54.0K", "53.6K", "141.3K"])
        #expect(HumanNumber.percent.column([0.12, 0.125, 1]) == ["12.0%", "12.5%", "100.0%"])
        #expect(HumanNumber(.percent, precision: 2).column([0.5, 0.00001]) == ["50.00%", "< 0.01%"])
    }

    @Test func smallAmountsStayPlain() {
        #expect(HumanNumber.currency.column([950, 1_234]) == ["$950", "$1,234"])
        #expect(HumanNumber.currency.column([12.5, 3]) == ["$12.50", "$3.00"])
        #expect(HumanNumber.compact.column([900, 12_000]) == ["0.9K", "12.0K"])
    }

    @Test func aColumnTooWideForOneUnitKeepsItsDecimals() {
        #expect(HumanNumber.currency.column([3e3, 1.2e9]) == ["$3,000", "$1,200,000,000"])
        #expect(HumanNumber.compact.column([33, 2_170_000]) == ["33", "2,170,000"])
    }

    @Test func tinyValuesAreNotShownAsZero() {
        #expect(HumanNumber.dollars([0.004, 0, 12.345]) == ["< $0.01", "$0.00", "$12.35"])
        #expect(HumanNumber.dollars([-0.004]) == ["> −$0.01"])
        #expect(HumanNumber.percent.fixed(0.0004) == "< 0.1%")
        #expect(HumanNumber(.decimal(1)).fixed(0.01) == "< 0.1")
        #expect(HumanNumber.percent.fixed(0) == "0.0%")
    }

    @Test func missingAndNegativeValues() {
        #expect(HumanNumber.integer.column([1_234_567, nil, .nan, -4_200]) == ["1,234,567", "–", "–", "−4,200"])
        #expect(HumanNumber.currency.column([-2.5e6, 1e6]) == ["−$2.5M", "$1.0M"])
    }

    @Test func signedChanges() {
        #expect([0.22, -0.051, 0].map { HumanNumber.change($0) } == ["+22.0%", "−5.1%", "0.0%"])
        #expect(HumanNumber.change(0.0002) == "< +0.1%")
        #expect(HumanNumber.change(-0.0002) == "> −0.1%")
        #expect(HumanNumber.change(nil) == "–")
        #expect(HumanNumber.change(.infinity) == "–")
        #expect(HumanNumber.pointChange(0.012) == "+1.2 pp")
        #expect(HumanNumber.pointChange(-0.005) == "−0.5 pp")
        #expect(HumanNumber.change(12.5) == "+1,250.0%")
    }

    @Test(arguments: [
        (0, "0 B"), (830, "830 B"), (999, "999 B"), (1_000, "1.0 KB"), (3_420, "3.4 KB"), (12_100_000, "12.1 MB"),
        (999_960, "1.0 MB"), (1_234_567_890, "1.2 GB"), (75_000_000, "75.0 MB"),
    ])
    func byteSizes(_ bytes: Int, _ expected: String) {
        #expect(HumanNumber.bytes(bytes) == expected)
    }

    @Test func countsInProse() {
        #expect(HumanNumber.count(24_996_370, "cleansed row") == "24,996,370 cleansed rows")
        #expect(HumanNumber.count(1, "row") == "1 row")
        #expect(HumanNumber.count(0, "row") == "0 rows")
        #expect(HumanNumber.count(3, "Parquet file") == "3 Parquet files")
        #expect(HumanNumber.count(2, "child", plural: "children") == "2 children")
    }
}
