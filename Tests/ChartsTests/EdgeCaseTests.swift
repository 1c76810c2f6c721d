import Foundation
import Testing

@testable import Charts

/// Empty data, one value, all zeros, negative values and NaN: every chart still renders valid
/// output and says something true in its text alternative.
@Suite struct EdgeCaseTests {
    static let caption = ChartCaption(title: "Edge case")

    static func render(_ chart: any Chart) throws -> RenderedChart {
        let rendered = try ChartRenderer().render(ChartJob(name: "edge", chart: chart))
        let svg = TestSupport.parseSVG(rendered.svg)
        #expect(svg.valid, "\(svg.error ?? "")")
        #expect(try CairoCanvas.decodePNG(rendered.png).width == Int((rendered.size.width * 2).rounded()))
        return rendered
    }

    @Test func emptyData() throws {
        let geometry = try TestSupport.geometry()
        let charts: [any Chart] = [
            BarChart(caption: Self.caption, bars: []),
            GroupedBarChart(caption: Self.caption, categories: [], series: []),
            GroupedBarChart(caption: Self.caption, categories: [], series: [], layout: .stacked),
            DonutChart(caption: Self.caption, items: []),
            Treemap(caption: Self.caption, items: []),
            LineChart(caption: Self.caption, xLabels: [], series: []),
            Sparkline(title: "Empty", values: []),
            Histogram(caption: Self.caption, bins: []),
            CorrelationHeatmap(caption: Self.caption, labels: [], matrix: []),
            ChoroplethMap(caption: Self.caption, geometry: geometry, values: [:]),
        ]
        for chart in charts {
            let rendered = try Self.render(chart)
            #expect(rendered.alternative.summary.contains("No data") || rendered.alternative.summary.contains("no data"), "\(type(of: chart)): \(rendered.alternative.summary)")
        }
    }

    @Test func oneValue() throws {
        let geometry = try TestSupport.geometry()
        let bar = try Self.render(BarChart(caption: Self.caption, bars: [.init("Only", 42)]))
        #expect(bar.alternative.summary == "One value: Only at 42.")
        let map = try Self.render(ChoroplethMap(caption: Self.caption, geometry: geometry, values: ["TX": 7]))
        #expect(map.alternative.summary == "Map of 1 states and territories: Texas at 7; 51 without data.")
        #expect(map.table.rows.first { $0[0] == "Texas" } == ["Texas", "7", "7"])
        let line = try Self.render(LineChart(caption: Self.caption, xLabels: ["2022"], series: [.init("Claims", [5])]))
        #expect(line.alternative.summary == "Claims is 5 in 2022.")
        _ = try Self.render(Sparkline(title: "One", values: [3]))
        _ = try Self.render(DonutChart(caption: Self.caption, items: [ShareItem("All", 10)]))
        _ = try Self.render(Treemap(caption: Self.caption, items: [ShareItem("All", 10)]))
        _ = try Self.render(Histogram(caption: Self.caption, bins: [.init(lower: 1, upper: 2, count: 9)], xScale: .logarithmic))
        _ = try Self.render(CorrelationHeatmap(caption: Self.caption, labels: ["x"], matrix: [[1]]))
    }

    @Test func allZeros() throws {
        let geometry = try TestSupport.geometry()
        let bar = try Self.render(BarChart(caption: Self.caption, bars: [.init("a", 0), .init("b", 0)]))
        #expect(bar.alternative.summary == "2 bars, all at 0.")
        let donut = try Self.render(DonutChart(caption: Self.caption, items: [ShareItem("a", 0), ShareItem("b", 0)]))
        #expect(donut.alternative.summary == "No positive values to show (2 left out).")
        let zeros = Dictionary(uniqueKeysWithValues: geometry.states.map { ($0.postal, 0.0) })
        let map = try Self.render(ChoroplethMap(caption: Self.caption, geometry: geometry, values: zeros))
        #expect(map.alternative.summary == "Map of 52 states and territories, all at 0.")
        _ = try Self.render(ChoroplethMap(caption: Self.caption, geometry: geometry, values: zeros, classification: .equalInterval(classes: 5), palette: .diverging))
        _ = try Self.render(LineChart(caption: Self.caption, xLabels: ["a", "b"], series: [.init("z", [0, 0])]))
        _ = try Self.render(Sparkline(title: "Flat", values: [0, 0, 0]))
        _ = try Self.render(Histogram(caption: Self.caption, bins: [.init(lower: 0, upper: 1, count: 0)]))
    }

    @Test func negativeValues() throws {
        let bar = try Self.render(BarChart(caption: Self.caption, bars: [.init("up", 12), .init("down", -30), .init("flat", 0)], format: .percent))
        // A data table column keeps one number of decimals (HumanNumber.column).
        #expect(bar.table.rows == [["up", "1,200.0%"], ["down", "−3,000.0%"], ["flat", "0.0%"]])
        let stacked = GroupedBarChart(caption: Self.caption, categories: ["a", "b"], series: [.init("x", [5, -2]), .init("y", [-3, 4])], layout: .stacked)
        _ = try Self.render(stacked)
        _ = try Self.render(GroupedBarChart(caption: Self.caption, categories: ["a", "b"], series: [.init("x", [5, -2])]))
        let donut = try Self.render(DonutChart(caption: Self.caption, items: [ShareItem("a", 5), ShareItem("b", -5)]))
        #expect(donut.alternative.summary.contains("1 with zero, negative or missing values left out"))
        _ = try Self.render(LineChart(caption: Self.caption, xLabels: ["1", "2", "3"], series: [.init("s", [-5, 3, -1])], includeZero: false))
    }

    @Test func nanValues() throws {
        let geometry = try TestSupport.geometry()
        let bar = try Self.render(BarChart(caption: Self.caption, bars: [.init("a", .nan), .init("b", 3)]))
        #expect(bar.table.rows[0] == ["a", "–"])
        #expect(bar.alternative.summary == "One value: b at 3; 1 without a value.")
        let allNaN = try Self.render(BarChart(caption: Self.caption, bars: [.init("a", .nan)]))
        #expect(allNaN.alternative.summary == "1 bars, all without a value.")
        let map = try Self.render(ChoroplethMap(caption: Self.caption, geometry: geometry, values: ["CA": .nan, "NY": 3, "TX": .infinity]))
        #expect(map.table.rows.first { $0[0] == "California" } == ["California", "–", "No data"])
        let line = try Self.render(LineChart(caption: Self.caption, xLabels: ["a", "b"], series: [.init("s", [.nan, .nan])]))
        #expect(line.alternative.summary == "s has no values.")
        _ = try Self.render(Sparkline(title: "Gaps", values: [1, .nan, 3, .nan]))
        let histogram = try Self.render(Histogram(caption: Self.caption, bins: [.init(lower: .nan, upper: 1, count: 3), .init(lower: 1, upper: 2, count: .nan)]))
        #expect(histogram.alternative.summary == "No data to show.")
        _ = try Self.render(CorrelationHeatmap(caption: Self.caption, labels: ["a", "b"], matrix: [[1, .nan], [.nan, 1]]))
        _ = try Self.render(Treemap(caption: Self.caption, items: [ShareItem("a", .nan), ShareItem("b", 1)]))
    }

    @Test func logHistogramSkipsNonPositiveBins() throws {
        let chart = Histogram(caption: Self.caption, bins: [.init(lower: 0, upper: 10, count: 5), .init(lower: 10, upper: 100, count: 7)], xScale: .logarithmic)
        #expect(chart.drawable.count == 1)
        let rendered = try Self.render(chart)
        #expect(rendered.alternative.summary.contains("1 bins could not be drawn"))
        #expect(rendered.table.rows.count == 2)
    }

    @Test func mismatchedSeriesLengthsAreMissingValues() throws {
        let chart = GroupedBarChart(caption: Self.caption, categories: ["a", "b", "c"], series: [.init("short", [1])])
        let rendered = try Self.render(chart)
        #expect(rendered.table.rows == [["a", "1"], ["b", "–"], ["c", "–"]])
        let heatmap = try Self.render(CorrelationHeatmap(caption: Self.caption, labels: ["a", "b"], matrix: [[1]]))
        #expect(heatmap.table.rows[1] == ["b", "–", "–"])
    }

    @Test func unknownLocatorStateHighlightsNothing() throws {
        let geometry = try TestSupport.geometry()
        let rendered = try Self.render(LocatorMap(geometry: geometry, highlight: "ZZ"))
        #expect(rendered.alternative.summary == "Map of the United States; ZZ is not on the map.")
        #expect(rendered.table.rows.isEmpty)
    }
}
