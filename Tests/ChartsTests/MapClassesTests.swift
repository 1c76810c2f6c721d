import Testing

@testable import Charts

@Suite struct MapClassesTests {
    @Test func quantileBreaksSplitTheSortedValues() {
        let values = (1...10).map(Double.init)
        let breaks = ClassBreaks.compute(values, classification: .quantile(classes: 5), palette: .sequential)
        #expect(breaks.breaks == [1, 2, 4, 6, 8, 10])
        #expect(breaks.classIndex(1) == 0)
        #expect(breaks.classIndex(2) == 0)
        #expect(breaks.classIndex(3) == 1)
        #expect(breaks.classIndex(10) == 4)
        #expect(breaks.classIndex(.nan) == nil)
        let counts = values.reduce(into: [Int](repeating: 0, count: 5)) { $0[breaks.classIndex($1)!] += 1 }
        #expect(counts == [2, 2, 2, 2, 2])
    }

    @Test func quantileWithTiesMergesEmptyClasses() {
        let breaks = ClassBreaks.compute([1, 1, 1, 1, 2], classification: .quantile(classes: 4), palette: .sequential)
        #expect(breaks.breaks == [1, 1, 2])
        #expect(breaks.classIndex(1) == 0 && breaks.classIndex(2) == 1)
        #expect(breaks.label(0, format: .compact) == "1" && breaks.label(1, format: .compact) == "1 – 2")
        let two = ClassBreaks.compute([1, 2], classification: .quantile(classes: 5), palette: .sequential)
        #expect(two.count == 2)
        let same = ClassBreaks.compute([4, 4, 4], classification: .quantile(classes: 5), palette: .sequential)
        #expect(same.breaks == [4, 4] && same.count == 1 && same.classIndex(4) == 0)
    }

    @Test func equalIntervalBreaks() {
        let breaks = ClassBreaks.compute([0, 3, 10], classification: .equalInterval(classes: 5), palette: .sequential)
        #expect(breaks.breaks == [0, 2, 4, 6, 8, 10])
        #expect(breaks.label(0, format: .compact) == "0 – 2")
    }

    @Test func divergingBreaksAreSymmetricAndNice() {
        let breaks = ClassBreaks.compute([-0.12, 0.02, 0.14], classification: .equalInterval(classes: 5), palette: .diverging)
        #expect(breaks.breaks.count == 6)
        #expect(abs(breaks.breaks[0] + 0.15) < 1e-12 && abs(breaks.breaks[5] - 0.15) < 1e-12)
        #expect(abs(breaks.breaks[2] + 0.03) < 1e-12 && abs(breaks.breaks[3] - 0.03) < 1e-12)
        #expect(breaks.classIndex(0) == 2)
        #expect(ClassBreaks.roundedUp(0.14) == 0.15)
        #expect(ClassBreaks.roundedUp(7) == 8)
        #expect(ClassBreaks.roundedUp(1) == 1)
    }

    @Test func emptyValuesHaveNoClasses() {
        let breaks = ClassBreaks.compute([.nan], classification: .quantile(classes: 5), palette: .sequential)
        #expect(breaks.count == 0 && breaks.classIndex(1) == nil)
    }

    @Test func paletteMatchesClassCount() {
        let breaks = ClassBreaks.compute((1...20).map(Double.init), classification: .quantile(classes: 7), palette: .sequential)
        #expect(breaks.colors(.sequential).count == breaks.count)
        #expect(ClassBreaks(breaks: [1, 1]).colors(.diverging).count == 1)
    }
}
