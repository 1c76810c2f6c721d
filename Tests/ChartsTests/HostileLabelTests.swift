import Foundation
import Testing

@testable import Charts

/// Labels are untrusted: markup characters, quotes, control characters, bidi marks and emoji in
/// drug names must never break the SVG or leak into it as markup.
@Suite struct HostileLabelTests {
    static let hostile = [
        "</svg><script>alert(1)</script>", "Tom & Jerry's \"best\" <b>drug</b>", "bell\u{07}null\u{00}esc\u{1B}[31m",
        "\u{202E}evil\u{202C} \u{200F}RTL\u{200E}", "💊 Pill 👩🏽‍⚕️", "]]><!--", "tab\tnew\nline", "\u{FEFF}bom\u{FFFE}",
        String(repeating: "W", count: 400),
    ]

    static func charts(_ geometry: USStateGeometry) -> [ChartJob] {
        let labels = hostile
        let caption = ChartCaption(title: labels[0], subtitle: labels[1], source: labels[2])
        let values = labels.indices.map { Double($0 + 1) * 1_000 }
        return [
            ChartJob(name: "bar", chart: BarChart(caption: caption, bars: zip(labels, values).map { .init($0, $1) }, highlighted: 3, valueAxisTitle: labels[4])),
            ChartJob(name: "grouped", chart: GroupedBarChart(caption: caption, categories: labels, series: [.init(labels[3], values), .init(labels[5], values)])),
            ChartJob(name: "stacked", chart: GroupedBarChart(caption: caption, categories: labels, series: [.init(labels[6], values)], layout: .stacked)),
            ChartJob(name: "donut", chart: DonutChart(caption: caption, items: zip(labels, values).map { ShareItem($0, $1) }, topN: 4)),
            ChartJob(name: "treemap", chart: Treemap(caption: caption, items: zip(labels, values).map { ShareItem($0, $1, group: $0) })),
            ChartJob(name: "line", chart: LineChart(caption: caption, xLabels: labels, series: [.init(labels[0], values)], yAxisTitle: labels[1])),
            ChartJob(name: "sparkline", chart: Sparkline(title: labels[0], values: values, labels: labels)),
            ChartJob(name: "histogram", chart: Histogram(caption: caption, bins: [.init(lower: 0, upper: 1, count: 3)], xAxisTitle: labels[1], yAxisTitle: labels[2])),
            ChartJob(name: "heatmap", chart: CorrelationHeatmap(caption: caption, labels: Array(labels.prefix(4)), matrix: [[1, 0.5, -0.5, .nan], [0.5, 1, 0, 0], [-0.5, 0, 1, 0], [.nan, 0, 0, 1]])),
            ChartJob(name: "map", chart: ChoroplethMap(caption: caption, geometry: geometry, values: ["CA": 1, "TX": 2, "<&>": 3], legendTitle: labels[1], valueHeading: labels[0])),
            ChartJob(name: "locator", chart: LocatorMap(geometry: geometry, highlight: labels[0])),
        ]
    }

    @Test func svgStaysWellFormedAndFreeOfInjectedMarkup() throws {
        let geometry = try TestSupport.geometry()
        for job in Self.charts(geometry) {
            let rendered = try ChartRenderer().render(job)
            let svg = TestSupport.parseSVG(rendered.svg)
            #expect(svg.valid, "\(job.name): \(svg.error ?? "")")
            let text = TestSupport.svgText(rendered)
            #expect(!text.contains("<script"), "\(job.name)")
            #expect(!text.contains("<b>"), "\(job.name)")
            #expect(!text.contains("\u{202E}"), "\(job.name)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(job.name) has no raw control characters")
            // The title survives as escaped text and reads back as the cleaned original.
            #expect(svg.texts["title"] == rendered.alternative.title)
            #expect(svg.elements["script"] == nil)
        }
    }

    @Test func textAlternativesAndTablesAreCleaned() throws {
        let geometry = try TestSupport.geometry()
        for job in Self.charts(geometry) {
            let rendered = try ChartRenderer().render(job)
            let cells = rendered.table.columns + rendered.table.rows.flatMap { $0 } + [rendered.alternative.title, rendered.alternative.summary]
            for cell in cells {
                #expect(!cell.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) || $0.value == 0x200F }, "\(job.name): \(cell.debugDescription)")
            }
        }
    }

    @Test func cleaningKeepsMeaningfulText() {
        #expect(TextSafety.clean("tab\tnew\nline") == "tab new line")
        #expect(TextSafety.clean("\u{202E}evil\u{202C}") == "evil")
        #expect(TextSafety.clean("bell\u{07}!") == "bell!")
        #expect(TextSafety.clean("  Mayagüez  💊 ") == "Mayagüez 💊")
        #expect(TextSafety.xmlEscaped("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
    }
}
