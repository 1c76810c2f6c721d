import RxCore
import Testing

@testable import Charts

@Suite struct AxisLabelsTests {
    @Test func compactTicksShareOneUnit() {
        #expect(HumanNumber.compact.axisLabels([0, 2_000, 4_000, 6_000, 8_000, 10_000]) == ["0", "2K", "4K", "6K", "8K", "10K"])
        #expect(HumanNumber.compact.axisLabels([0, 2_000, 4_000, 6_000, 8_000]) == ["0", "2,000", "4,000", "6,000", "8,000"])
        #expect(HumanNumber.currency.axisLabels([0, 0.5e9, 1e9, 1.5e9]) == ["$0", "$0.5B", "$1.0B", "$1.5B"])
        #expect(HumanNumber.currency.axisLabels([0, 5e9, 10e9, 15e9]) == ["$0", "$5B", "$10B", "$15B"])
        #expect(HumanNumber.compact.axisLabels([-2e6, 0, 2e6]) == ["−2M", "0", "2M"])
    }

    @Test func percentTicksUseTheStepPrecision() {
        #expect(HumanNumber.percent.axisLabels([-0.3, -0.2, -0.1, 0, 0.1]) == ["−30%", "−20%", "−10%", "0%", "10%"])
        #expect(HumanNumber.percent.axisLabels([0, 0.025, 0.05]) == ["0%", "2.5%", "5%"] || HumanNumber.percent.axisLabels([0, 0.025, 0.05]) == ["0.0%", "2.5%", "5.0%"])
    }

    @Test func degenerateTicks() {
        #expect(HumanNumber.compact.axisLabels([]) == [])
        #expect(HumanNumber.compact.axisLabels([0]) == ["0"])
        #expect(HumanNumber.compact.axisLabels([.nan, 1]) == ["–", "1"])
    }
}
