import RxCore
import Testing

@testable import Charts

/// Amounts start at zero whatever the caller asks; a share may zoom, and then says so.
@Suite struct AxisBaselineTests {
    @Test func amountsAlwaysStartAtZero() {
        for format in [HumanNumber.currency, .compact, .integer] {
            #expect(AxisBaseline.choose(format: format, zoomRequested: true) == .zero)
            #expect(AxisBaseline.choose(format: format, zoomRequested: false) == .zero)
        }
    }

    @Test func sharesZoomOnlyWhenAsked() {
        #expect(AxisBaseline.choose(format: .percent, zoomRequested: true) == .zoomed)
        #expect(AxisBaseline.choose(format: .percent, zoomRequested: false) == .zero)
    }

    @Test func costPerClaimAxisStartsAtZeroEvenWhenAZoomIsRequested() {
        let chart = LineChart(
            caption: ChartCaption(title: "Cost per claim"), xLabels: ["2021", "2022", "2023"],
            series: [.init("Cost per claim", [241, 252, 280])], format: .currency, includeZero: false)
        #expect(chart.valueTicks.first == 0)
    }

    @Test func aZoomedShareAxisIsMarkedOnTheChart() throws {
        let chart = LineChart(
            caption: ChartCaption(title: "Generic claim share"), xLabels: ["2021", "2022", "2023"],
            series: [.init("Generic share", [0.753, 0.750, 0.748])], format: .percent, includeZero: false)
        #expect(chart.valueTicks.first! > 0)
        let svg = TestSupport.svgText(try ChartRenderer().render(ChartJob(name: "share", chart: chart)))
        #expect(svg.contains(", not 0</text>"))
    }
}
