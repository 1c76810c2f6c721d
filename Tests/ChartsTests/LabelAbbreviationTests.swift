import Testing

@testable import Charts

/// Long labels are shortened at a word boundary, and the SVG keeps the whole label.
@Suite struct LabelAbbreviationTests {
    static let long = "Insulin Lispro Protamine and Insulin Lispro Mix 75/25 KwikPen"

    @Test func shortensAtAWordBoundary() throws {
        let canvas = try CairoCanvas(format: .png, width: 100, height: 100)
        canvas.setFont(size: 10.5)
        let shown = canvas.truncate(Self.long, toWidth: 150)
        #expect(shown.hasSuffix("…"))
        let kept = String(shown.dropLast())
        #expect(canvas.textWidth(shown) <= 150)
        // What is kept is whole words of the label.
        #expect(Self.long.hasPrefix(kept) && Self.long.dropFirst(kept.count).first == " ")
    }

    @Test func wrapsAtSpacesIntoAtMostTheGivenLines() throws {
        let canvas = try CairoCanvas(format: .png, width: 100, height: 100)
        canvas.setFont(size: 15, bold: true)
        let lines = canvas.wrapped("Cost per claim of the 25 costliest drugs, 2023", toWidth: 308, maxLines: 2)
        #expect(lines == ["Cost per claim of the 25 costliest", "drugs, 2023"])
    }

    @Test func aShortenedBarLabelKeepsItsFullTextAsATitle() throws {
        let chart = BarChart(caption: ChartCaption(title: "Drugs"), bars: [.init(Self.long, 3), .init("Eliquis", 2), .init("Ozempic", 1)])
        let svg = TestSupport.svgText(try ChartRenderer().render(ChartJob(name: "labels", chart: chart)))
        #expect(svg.contains("<title>\(Self.long)</title>Insulin Lispro Protamine"))
        #expect(svg.contains("…</text>"))
        #expect(!svg.contains("<title>Eliquis</title>"), "labels that fit have no title")
    }
}
