import Foundation
import Testing

@testable import Charts

/// Every chart SVG carries light and dark colours; dark text keeps AA contrast, data colours
/// stay visible on the dark background, and ink on data fills keeps its colour.
@Suite struct SVGColorSchemeTests {
    static func ratio(_ a: RGBA, _ b: RGBA) -> Double {
        let la = ColorSpace.luminance(a), lb = ColorSpace.luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    static func dark(_ name: String) -> RGBA { SVGColorScheme.standard.entries.first { $0.name == name }!.dark }

    @Test func darkTextMeetsAAAndDataColoursStandOut() {
        let background = Self.dark("c-bg")
        for name in ["c-title", "c-text", "c-muted"] {
            #expect(Self.ratio(Self.dark(name), background) >= 4.5, "\(name)")
        }
        for name in ["c-primary", "c-highlight", "c-axis"] {
            #expect(Self.ratio(Self.dark(name), background) >= 3, "\(name)")
        }
        for color in Palette.categorical {
            #expect(Self.ratio(color, background) >= 3, "\(color.hexString)")
        }
        // Highlighted and de-emphasised bars stay apart.
        #expect(Self.ratio(Self.dark("c-highlight"), Self.dark("c-deemph")) >= 2)
    }

    @Test func styleDefinesEveryVariableForBothSchemes() {
        let style = SVGColorScheme.standard.style
        for name in ["bg", "title", "text", "muted", "grid", "axis", "primary", "highlight", "deemph", "nodata", "hatch", "border"] {
            #expect(style.components(separatedBy: "--c-\(name):").count - 1 == 2, "\(name)")
        }
        #expect(style.contains("@media (prefers-color-scheme:dark)"))
    }

    @Test func chartsUseTheVariablesAndApplyingTwiceChangesNothing() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "bar", chart: Samples.bar()))
        let svg = TestSupport.svgText(rendered)
        #expect(svg.contains("fill:var(--c-bg)"))
        #expect(svg.contains("stroke:var(--c-grid)"))
        #expect(svg.contains("fill:var(--c-highlight)"))
        #expect(svg.contains("style=\"fill:var(--c-muted)\""), "axis labels")
        #expect(!svg.contains("rgb(89.411765%,90.980392%,92.54902%)"), "no fixed grid colour left")
        #expect(SVGColorScheme.standard.apply(to: rendered.svg) == rendered.svg)
    }

    @Test func inkOnADataFillKeepsItsColour() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "stacked", chart: Samples.grouped(.stacked)))
        let svg = TestSupport.svgText(rendered)
        // Segment labels are white or dark on the categorical fills, as fixed colours.
        #expect(svg.contains("fill=\"#ffffff\"") || svg.contains("fill=\"#1b2631\""))
    }
}
