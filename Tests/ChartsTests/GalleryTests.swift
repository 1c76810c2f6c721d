import Foundation
import Testing

@testable import Charts

/// Writes PNG and SVG of the samples, hostile-label and edge-case charts to a directory for a
/// look by eye: `RXPIPE_CHART_GALLERY=/tmp/gallery swift test --skip-build --filter GalleryTests`.
@Suite struct GalleryTests {
    @Test func writeGallery() throws {
        guard let path = ProcessInfo.processInfo.environment["RXPIPE_CHART_GALLERY"] else { return }
        let directory = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let geometry = try TestSupport.geometry()
        let caption = ChartCaption(title: "Edge case")
        var jobs = Samples.all(geometry)
        jobs += HostileLabelTests.charts(geometry).map { ChartJob(name: "hostile-\($0.name)", chart: $0.chart) }
        jobs += [
            ChartJob(name: "edge-empty-bar", chart: BarChart(caption: caption, bars: [])),
            ChartJob(name: "edge-negative-bar", chart: BarChart(caption: caption, bars: [.init("Up", 0.12), .init("Down", -0.3), .init("Flat", 0), .init("Missing", .nan)], format: .percent)),
            ChartJob(name: "edge-negative-stacked", chart: GroupedBarChart(caption: caption, categories: ["a", "b"], series: [.init("x", [5, -2]), .init("y", [-3, 4])], layout: .stacked)),
            ChartJob(name: "edge-one-map", chart: ChoroplethMap(caption: caption, geometry: geometry, values: ["TX": 7])),
            ChartJob(name: "edge-empty-map", chart: ChoroplethMap(caption: caption, geometry: geometry, values: [:])),
            ChartJob(name: "edge-zero-line", chart: LineChart(caption: caption, xLabels: ["2021", "2022"], series: [.init("z", [0, 0])])),
            ChartJob(name: "edge-one-donut", chart: DonutChart(caption: caption, items: [ShareItem("All", 10)])),
            ChartJob(name: "edge-nan-heatmap", chart: CorrelationHeatmap(caption: caption, labels: ["a", "b"], matrix: [[1, .nan], [.nan, 1]])),
            ChartJob(name: "locator-dc", chart: LocatorMap(geometry: geometry, highlight: "DC")),
            ChartJob(name: "locator-pr", chart: LocatorMap(geometry: geometry, highlight: "PR")),
            ChartJob(name: "locator-hi", chart: LocatorMap(geometry: geometry, highlight: "HI")),
        ]
        for rendered in try ChartRenderer().renderAllOrThrow(jobs) {
            try Data(rendered.png).write(to: directory.appendingPathComponent("\(rendered.name).png"))
            try Data(rendered.svg).write(to: directory.appendingPathComponent("\(rendered.name).svg"))
        }
    }
}
