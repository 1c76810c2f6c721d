import Testing

@testable import Disclosure

@Suite struct ComplementarySuppressionTests {
    func hidden(_ total: Double?, _ parts: [Double], _ marks: [Bool]? = nil) -> [Bool] {
        ComplementarySuppression.hiddenParts(total: total, parts: parts, hidden: marks ?? parts.map { _ in false }, threshold: 11)
    }

    @Test func noSmallPartNeedsNothing() {
        #expect(hidden(100, [40, 60]) == [false, false])
    }

    @Test func aLoneSmallPartTakesTheSmallestOtherWithIt() {
        // 5 alone could be recovered as 100 − 40 − 55; with 40 hidden too only 45 is known.
        #expect(hidden(100, [5, 40, 55]) == [true, true, false])
    }

    @Test func hiddenPartsMustAddUpToTheThreshold() {
        // 3 and 4 hidden together still give away a sum of 7: one more part goes.
        #expect(hidden(100, [3, 4, 20, 73]) == [true, true, true, false])
    }

    @Test func anUnpublishedPartCountsAsHidden() {
        // The under-65 remainder (5) is never published; the 65+ part (25) must go with it.
        #expect(hidden(30, [25, 5], [false, true]) == [true, true])
        // A large remainder may be derived: it is no small count.
        #expect(hidden(50, [25, 25], [false, true]) == [false, true])
    }

    @Test func withoutAShownTotalOnlyThePrimaryRuleApplies() {
        #expect(hidden(nil, [5, 40, 55]) == [true, false, false])
    }

    @Test func tiesGoByPosition() {
        #expect(hidden(100, [5, 30, 30, 35]) == [true, true, false, false])
    }
}
