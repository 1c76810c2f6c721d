import Testing

@testable import Charts

/// A donut that would be mostly "Other" is drawn as bars of the named shares instead.
@Suite struct DonutFallbackTests {
    static func items(otherShare: Double) -> [ShareItem] {
        // Eight named items of equal size, then 100 small ones making up `otherShare`.
        let named = (1...8).map { ShareItem("Drug \($0)", (1 - otherShare) / 8) }
        let rest = (1...100).map { ShareItem("Small \($0)", otherShare / 100) }
        return named + rest
    }

    @Test func otherAboveTheLimitBecomesBarsWithTheRemainderStated() throws {
        let donut = DonutChart(caption: ChartCaption(title: "Share of claims"), items: Self.items(otherShare: 0.848), topN: 8)
        let bars = try #require(donut.fallback)
        #expect(bars.bars.count == 8)
        #expect(!bars.bars.contains { $0.label == "Other" })
        #expect(bars.caption.subtitle == "The other 100 (84.8%) are not drawn")
        #expect(donut.size == bars.size)
        let svg = TestSupport.svgText(try ChartRenderer().render(ChartJob(name: "share", chart: donut)))
        #expect(!svg.contains(">Total</text>"), "no donut centre")
    }

    @Test func otherWithinTheLimitStaysADonut() {
        let donut = DonutChart(caption: ChartCaption(title: "Share"), items: Self.items(otherShare: 0.3), topN: 8)
        #expect(donut.fallback == nil)
        #expect(DonutChart.otherLimit == 0.4)
    }
}
