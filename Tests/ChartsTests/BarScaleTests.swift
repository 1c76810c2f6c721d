import Testing

@testable import Charts

/// Bars switch to a labelled log axis when the largest is more than ten times the median.
@Suite struct BarScaleTests {
    @Test func oneBarFarAboveTheMedianGivesALogAxis() {
        #expect(BarScale.choose(for: [50_500, 1_900, 1_500, 1_100, 900]) == .logarithmic)
    }

    @Test func comparableBarsStayLinearFromZero() {
        #expect(BarScale.choose(for: [16.5, 9.2, 7.4, 7.1, 6.3, 4.1, 3.9]) == .linear)
        // Exactly at the ratio: still linear.
        #expect(BarScale.choose(for: [10, 1, 1]) == .linear)
    }

    @Test func zeroNegativeMissingOrFewBarsStayLinear() {
        #expect(BarScale.choose(for: [1000, 1, 0]) == .linear)
        #expect(BarScale.choose(for: [1000, 1, -1]) == .linear)
        #expect(BarScale.choose(for: [1000, 1, .nan]) == .linear)
        #expect(BarScale.choose(for: [1000, 1]) == .linear)
    }

    @Test func theLogAxisIsLabelledAndBarsKeepTheirValues() throws {
        let chart = BarChart(
            caption: ChartCaption(title: "Cost per claim"),
            bars: [.init("a", 50_500), .init("b", 1_900), .init("c", 1_500), .init("d", 900)], format: .currency,
            valueAxisTitle: "Cost per claim")
        #expect(chart.scale == .logarithmic)
        let svg = TestSupport.svgText(try ChartRenderer().render(ChartJob(name: "log", chart: chart)))
        #expect(svg.contains(">Cost per claim (log scale)</text>"))
        #expect(svg.contains(">$50.5K</text>"))
    }
}
