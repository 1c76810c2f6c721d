import RxCore
import Testing

@testable import Charts

@Suite struct AxisTicksTests {
    @Test func niceStepsCoverTheDomain() {
        #expect(AxisTicks.linear(lower: 0, upper: 16.48e9, target: 4) == [0, 5e9, 10e9, 15e9, 20e9])
        #expect(AxisTicks.linear(lower: 0, upper: 97, target: 5) == [0, 20, 40, 60, 80, 100])
        #expect(AxisTicks.linear(lower: -0.14, upper: 0.14, target: 4) == [-0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.15])
        #expect(AxisTicks.linear(lower: -0.3, upper: 0.12, target: 4) == [-0.3, -0.2, -0.1, 0, 0.1, 0.2])
        #expect(AxisTicks.linear(lower: 3, upper: 17, target: 5) == [2, 4, 6, 8, 10, 12, 14, 16, 18] || AxisTicks.linear(lower: 3, upper: 17, target: 5) == [2.5, 5, 7.5, 10, 12.5, 15, 17.5] || AxisTicks.linear(lower: 3, upper: 17, target: 5).first! <= 3)
    }

    @Test func stepsAreOneTwoTwoAndAHalfOrFiveAndClose() {
        for raw in [0.0013, 0.7, 3.2, 12, 480, 7_700, 2.3e9] {
            let step = AxisTicks.niceStep(raw)
            #expect(step >= raw / 1.5 && step <= raw * 1.5)
            var mantissa = step
            while mantissa >= 10 { mantissa /= 10 }
            while mantissa < 1 { mantissa *= 10 }
            #expect([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-9 }, "\(raw) → \(step)")
        }
    }

    @Test func decimalTicksDoNotDrift() {
        let ticks = AxisTicks.linear(lower: 0, upper: 0.3, target: 3)
        #expect(ticks == [0, 0.1, 0.2, 0.3])
        #expect(HumanNumber(.decimal(1)).format(ticks.last!) == "0.3")
    }

    @Test func degenerateDomains() {
        #expect(AxisTicks.linear(lower: 0, upper: 0) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        let one = AxisTicks.linear(lower: 42, upper: 42)
        #expect(one.first == 0 && one.last! >= 42)
        let negative = AxisTicks.linear(lower: -5, upper: -5)
        #expect(negative.first! <= -5 && negative.last == 0)
        let nan = AxisTicks.linear(lower: .nan, upper: .infinity)
        #expect(nan.count >= 2 && nan.allSatisfy(\.isFinite))
        let reversed = AxisTicks.linear(lower: 10, upper: 0)
        #expect(reversed.first == 0 && reversed.last == 10)
    }

    @Test func logTicksArePowersOfTen() {
        #expect(AxisTicks.logarithmic(lower: 10, upper: 316_228) == [10, 100, 1_000, 10_000, 100_000, 1_000_000])
        #expect(AxisTicks.logarithmic(lower: 3, upper: 80) == [1, 2, 5, 10, 20, 50, 100])
        let clamped = AxisTicks.logarithmic(lower: 0, upper: 500)
        #expect(clamped.allSatisfy { $0 > 0 })
    }
}
