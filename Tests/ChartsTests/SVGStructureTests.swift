import Foundation
import Testing

@testable import Charts

/// Every chart's SVG is well-formed XML with the size, accessibility elements and shapes we
/// expect.
@Suite struct SVGStructureTests {
    @Test func everySampleIsValidXMLWithTitleAndDescription() throws {
        let geometry = try TestSupport.geometry()
        for job in Samples.all(geometry) {
            let rendered = try ChartRenderer().render(job)
            let svg = TestSupport.parseSVG(rendered.svg)
            #expect(svg.valid, "\(job.name): \(svg.error ?? "")")
            #expect(svg.rootAttributes["role"] == "img", "\(job.name)")
            #expect(svg.rootAttributes["aria-labelledby"] == "chart-title chart-desc")
            #expect(svg.rootAttributes["viewBox"] == "0 0 \(format(rendered.size.width)) \(format(rendered.size.height))", "\(job.name)")
            #expect(svg.texts["title"] == rendered.alternative.title, "\(job.name)")
            #expect(svg.texts["desc"] == rendered.alternative.summary, "\(job.name)")
            #expect((svg.elements["path"] ?? 0) > 0, "\(job.name) draws shapes")
            #expect(!rendered.alternative.summary.isEmpty)
        }
    }

    @Test func textIsDrawnAsGlyphOutlines() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "bar", chart: Samples.bar()))
        let svg = TestSupport.parseSVG(rendered.svg)
        // cairo draws glyphs as <symbol id="glyph…"> reused with <use>: no <text> element.
        #expect((svg.elements["symbol"] ?? 0) > 10)
        #expect((svg.elements["use"] ?? 0) > 50)
        #expect(svg.elements["text"] == nil)
        #expect(svg.rootAttributes["width"] == "640pt")
    }

    @Test func barChartDrawsOneRectanglePerBar() throws {
        // cairo writes each filled rectangle as a <path> whose d has exactly one "M … Z".
        let chart = BarChart(caption: ChartCaption(title: "Three"), bars: [.init("a", 1), .init("b", 2), .init("c", 3)])
        let svg = TestSupport.svgText(try ChartRenderer().render(ChartJob(name: "three", chart: chart)))
        let barFill = "fill:rgb(29.019608%,47.058824%,65.098039%)"
        #expect(svg.components(separatedBy: barFill).count - 1 == 3)
    }

    @Test func mapFillsEveryStateAndHatchesNoData() throws {
        let geometry = try TestSupport.geometry()
        let rendered = try ChartRenderer().render(ChartJob(name: "map", chart: Samples.map(geometry)))
        let svg = TestSupport.parseSVG(rendered.svg)
        #expect(svg.valid)
        #expect((svg.elements["path"] ?? 0) >= geometry.states.count)
        // The hatched "no data" state and the map frame are clipped.
        #expect((svg.elements["clipPath"] ?? 0) >= 2)
        #expect(rendered.table.rows.count == 52)
        #expect(rendered.table.rows.contains(["South Dakota", "–", "No data"]))
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
