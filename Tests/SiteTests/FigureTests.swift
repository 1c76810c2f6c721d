import Charts
import Testing

@testable import Site

/// A chart with a phone variant is a <picture> small screens pick it from; the report, one
/// self-contained document, drops that source.
@Suite struct FigureTests {
    static let bars = BarChart(
        caption: ChartCaption(title: "Top drugs"), bars: [.init("Eliquis", 3), .init("Ozempic", 2), .init("Januvia", 1)])

    @Test func aChartWithAPhoneVariantIsAPicture() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "top", chart: Self.bars))
        let narrow = try #require(rendered.narrow)
        let html = Figure.html(rendered, root: "")
        #expect(html.contains(
            "<picture><source media=\"(max-width: 680px)\" srcset=\"charts/top-narrow.svg\" width=\"340\" height=\"\(Int(narrow.size.height))\">"
                + "<img src=\"charts/top.svg\""))
        #expect(html.contains("</picture>"))
    }

    @Test func aChartWithoutOneIsAPlainImage() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "spark", chart: Sparkline(title: "Claims", values: [1, 2, 3])))
        let html = Figure.html(rendered, root: "")
        #expect(!html.contains("<picture>"))
        #expect(html.contains("<img src=\"charts/spark.svg\""))
    }

    @Test func theReportDropsPhoneSources() {
        let html = "<picture><source media=\"(max-width: 680px)\" srcset=\"charts/top-narrow.svg\" width=\"340\" height=\"200\"><img src=\"charts/top.svg\"></picture>"
        #expect(ReportPage.withoutPhoneSources(html) == "<picture><img src=\"charts/top.svg\"></picture>")
    }
}
