import Testing
@testable import Transformation

@Suite struct RobustStatisticsTests {
    typealias R = RobustStatistics

    @Test func medianOfOddAndEvenCountsAndOrder() {
        #expect(R.median([3, 1, 2]) == 2)
        #expect(R.median([4, 1, 3, 2]) == 2.5)
        #expect(R.median([7]) == 7)
        #expect(R.median([]) == nil)
        #expect(R.median([-1, -3]) == -2)
    }

    @Test func tiesInTheMiddleGiveTheTiedValue() {
        #expect(R.median([1, 2, 2, 2, 9]) == 2)
        #expect(R.median([5, 5, 5, 5]) == 5)
    }

    @Test func madIsTheMedianDistanceFromTheMedian() {
        // 1, 2, 3, 4, 100: median 3, distances 2, 1, 0, 1, 97 → MAD 1 (the 100 does not move it).
        let s = R.summary([1, 2, 3, 4, 100])
        #expect(s == R.Summary(median: 3, mad: 1, count: 5))
        #expect(R.robustZ(100, median: 3, mad: 1) == 97 / 1.4826)
        #expect(R.robustZ(1, median: 3, mad: 1)! < 0)
    }

    @Test func madOfZeroMeansNoZScore() {
        // More than half the group shares one value: MAD 0, nobody can stand out.
        let s = R.summary([0, 0, 0, 0.4, 1])!
        #expect(s.median == 0 && s.mad == 0)
        #expect(R.robustZ(1, median: s.median, mad: s.mad) == nil)
        #expect(R.robustZ(1, median: 0, mad: .nan) == nil)
        #expect(R.robustZ(1, median: 0, mad: .infinity) == nil)
    }

    @Test func smallGroups() {
        #expect(R.summary([5]) == R.Summary(median: 5, mad: 0, count: 1))
        #expect(R.summary([1, 3]) == R.Summary(median: 2, mad: 1, count: 2))
        #expect(R.summary([]) == nil)
    }

    @Test func normalLikeDataGivesZNearTheStandardScore() {
        // For symmetric data 1.4826 × MAD estimates σ: the quartiles ±0.6745 σ give MAD 0.6745 σ.
        let values = stride(from: -3.0, through: 3.0, by: 0.001).map { $0 }
        let s = R.summary(values)!
        #expect(abs(s.median) < 1e-9)
        #expect(abs(s.mad - 1.5) < 1e-9)
        #expect(abs(R.robustZ(3, median: s.median, mad: s.mad)! - 3 / (1.5 * 1.4826)) < 1e-9)
    }
}
