import Testing

@testable import Charts

/// Truncation uses real text extents from cairo, so the result always fits.
@Suite struct TextLayoutTests {
    @Test func truncatesWithAnEllipsisToFit() throws {
        let canvas = try CairoCanvas(format: .png, width: 100, height: 100)
        canvas.setFont(size: 10.5)
        let long = "Insulin Lispro Protamine and Insulin Lispro Mix 75/25 KwikPen"
        for width in [20.0, 60, 120, 200] {
            let shown = canvas.truncate(long, toWidth: width)
            #expect(canvas.textWidth(shown) <= width)
            #expect(shown.hasSuffix("…"))
            #expect(long.hasPrefix(String(shown.dropLast()).trimmingSpaces()))
        }
        #expect(canvas.truncate("Eliquis", toWidth: 200) == "Eliquis")
        #expect(canvas.truncate("Eliquis", toWidth: 2) == "")
    }

    @Test func truncationKeepsGraphemeClustersWhole() throws {
        let canvas = try CairoCanvas(format: .png, width: 100, height: 100)
        canvas.setFont(size: 10)
        let text = "👩🏽‍⚕️👩🏽‍⚕️👩🏽‍⚕️👩🏽‍⚕️ nurse"
        let shown = canvas.truncate(text, toWidth: canvas.textWidth(text) - 1)
        #expect(shown.hasSuffix("…"))
        #expect(shown.dropLast().allSatisfy { text.contains($0) })
    }

    @Test func wideTextIsMeasuredWiderThanNarrowText() throws {
        let canvas = try CairoCanvas(format: .svg, width: 100, height: 100)
        canvas.setFont(size: 10)
        #expect(canvas.textWidth("WWWW") > canvas.textWidth("iiii") * 2)
        let extents = canvas.textExtents("Hg")
        #expect(extents.inkTop < 0 && extents.inkHeight > 0 && extents.advance > 0)
    }
}
