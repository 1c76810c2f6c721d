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

    @Test func textIsRealTextNotGlyphOutlines() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "bar", chart: Samples.bar()))
        let svg = TestSupport.parseSVG(rendered.svg)
        let text = TestSupport.svgText(rendered)
        // Labels are <text> elements a PDF printed from the page keeps as searchable text;
        // cairo's glyph outlines (<symbol id="glyph…"> placed by <use>) are gone.
        #expect(svg.elements["symbol"] == nil)
        #expect(svg.elements["use"] == nil)
        #expect((svg.elements["text"] ?? 0) > 10)
        for bar in Samples.drugs where bar.label.count < 20 { #expect(text.contains(">\(bar.label)</text>"), "\(bar.label)") }
        #expect(text.contains("font-family=\"DejaVu Sans, Verdana, sans-serif\""))
        #expect(svg.rootAttributes["width"] == "640pt")
    }

    @Test func rotatedAndAlignedTextKeepsItsPlacement() throws {
        var layer = SVGTextLayer()
        layer.append(.init(text: "Claims", x: 0, y: 0, anchor: .left, matrix: (0, -1, 1, 0, 9, 120), fontSize: 11, bold: false,
                           color: RGBA(hex: 0x4d4d4d)))
        layer.append(.init(text: "$1.5M & <more>", x: 100.004, y: 20.5, anchor: .right, matrix: (1, 0, 0, 1, 10, 0), fontSize: 9.5,
                           bold: true, color: RGBA(hex: 0x112233, alpha: 0.5)))
        #expect(layer.svg == """
            <g font-family="DejaVu Sans, Verdana, sans-serif">
            <text transform="matrix(0 -1 1 0 9 120)" x="0" y="0" font-size="11" fill="#4d4d4d">Claims</text>
            <text x="110" y="20.5" font-size="9.5" font-weight="bold" text-anchor="end" fill="#112233" fill-opacity="0.5">$1.5M &amp; &lt;more&gt;</text>
            </g>

            """)
    }

    @Test func barChartDrawsOneRectanglePerBar() throws {
        // cairo writes each filled rectangle as a <path> whose d has exactly one "M … Z".
        let chart = BarChart(caption: ChartCaption(title: "Three"), bars: [.init("a", 1), .init("b", 2), .init("c", 3)])
        let svg = TestSupport.svgText(try ChartRenderer().render(ChartJob(name: "three", chart: chart)))
        // The theme's primary colour, written as its CSS variable (`SVGColorScheme`).
        let barFill = "fill:var(--c-primary)"
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
