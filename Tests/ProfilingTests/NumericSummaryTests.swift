import Testing
@testable import Profiling

@Suite struct NumericSummaryTests {
    func summary(_ values: [Double], integer: Bool = false, bins: Int = 4) -> NumericSummary {
        var keys = values.map { integer ? OrderedKey.key(Int64($0)) : OrderedKey.key($0) }
        RadixSort.sort(&keys)
        return NumericSummary.make(sortedKeys: keys, isInteger: integer, nan: 0, bins: bins, logRatio: 100)
    }

    @Test func orderedKeysSortLikeTheValues() {
        let doubles: [Double] = [3.5, -0.0, 0.0, -1e300, 1e-300, -2.25, .infinity, -.infinity, 7]
        var keys = doubles.map(OrderedKey.key)
        RadixSort.sort(&keys)
        #expect(keys.map(OrderedKey.double) == doubles.sorted().map { $0 + 0.0 })
        let ints: [Int64] = [5, -3, .min, .max, 0, 2_305_843_009_213_693_952]
        var ik = ints.map(OrderedKey.key)
        RadixSort.sort(&ik)
        #expect(ik.map(OrderedKey.int) == ints.sorted())
    }

    @Test func radixSortMatchesTheStandardSortOnManyKeys() {
        var state: UInt64 = 42
        var keys = (0..<10_000).map { _ -> UInt64 in state = Hashing.mix(state); return state % 3 == 0 ? state : state & 0xFFFF }
        let expected = keys.sorted()
        RadixSort.sort(&keys)
        #expect(keys == expected)
    }

    @Test func momentsQuantilesAndCounts() {
        let s = summary([4, -2, 0, 0, 10, 3, 3], integer: true)
        #expect(s.count == 7)
        #expect(s.distinct == 5)
        #expect(s.min == .int(-2))
        #expect(s.max == .int(10))
        #expect(s.sum == .int(18))
        #expect(s.zeros == 2)
        #expect(s.negatives == 1)
        #expect(abs(s.mean! - 18.0 / 7) < 1e-15)
        // numpy.std([4,-2,0,0,10,3,3], ddof=1)
        #expect(abs(s.std! - 3.909694909544003) < 1e-12)
        // sorted: -2 0 0 3 3 4 10; p50 = 3, p25 = h 1.5 → 0, p75 = h 4.5 → 3.5, p1 = h .06 → -1.88
        #expect(s.quantiles[3] == 3)
        #expect(s.quantiles[2] == 0)
        #expect(s.quantiles[4] == 3.5)
        #expect(abs(s.quantiles[0]! - -1.88) < 1e-12)
        // IQR 3.5, fences -5.25 and 8.75: 10 is an outlier.
        #expect(s.iqrOutliers == 1)
        #expect(s.histogram!.counts == [3, 2, 1, 1])
        #expect(s.histogram!.edges == [-2, 1, 4, 7, 10])
    }

    @Test func constantAndSingleValues() {
        let one = summary([5])
        #expect(one.std == nil)
        #expect(one.quantiles.allSatisfy { $0 == 5 })
        #expect(one.histogram!.edges == [4.5, 4.75, 5, 5.25, 5.5])
        #expect(one.histogram!.counts == [0, 0, 1, 0])
        let empty = summary([])
        #expect(empty.count == 0 && empty.min == nil && empty.mean == nil && empty.histogram == nil)
        #expect(empty.quantiles.allSatisfy { $0 == nil })
    }

    @Test func logHistogramOnlyForHeavyTailedNonNegativeColumns() {
        let heavy = summary([0, 1, 10, 100, 1000, 10_000], bins: 4)
        #expect(heavy.logHistogram!.counts == [1, 1, 1, 2])
        #expect(heavy.logHistogram!.edges.first == 1)
        #expect(summary([1, 2, 3, 50]).logHistogram == nil)
        #expect(summary([-1, 1, 1000]).logHistogram == nil)
    }

    @Test func integerSumsStayExactBeyondDoublePrecision() {
        let big: Int64 = 1 << 61
        var keys = [big + 1, big + 3].map(OrderedKey.key)
        RadixSort.sort(&keys)
        let s = NumericSummary.make(sortedKeys: keys, isInteger: true, nan: 0, bins: 2, logRatio: 100)
        #expect(s.sum == .int(2 * big + 4))
        #expect(s.distinct == 2)
        #expect(s.max == .int(big + 3))
    }
}
