import Testing

@testable import Charts

/// Charts whose text would be under 10 px in a phone's 350 px column get a 340 pt variant.
@Suite struct LegibilityTests {
    @Test func theRuleComparesTextShownInThePhoneColumn() {
        #expect(Legibility.needsNarrowVariant(width: 640, smallestText: 9))
        #expect(Legibility.needsNarrowVariant(width: 640, smallestText: 20) == false)
        #expect(Legibility.needsNarrowVariant(width: 340, smallestText: 10) == false)
        #expect(Legibility.needsNarrowVariant(width: 120, smallestText: nil) == false)
    }

    @Test func aWideBarChartGetsANarrowVariantWithTextOfTenOrMore() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "bar", chart: Samples.bar()))
        let narrow = try #require(rendered.narrow)
        #expect(narrow.size.width == Legibility.narrowWidth)
        let svg = String(decoding: narrow.svg, as: UTF8.self)
        #expect(svg.contains("viewBox=\"0 0 340 "))
        let sizes = svg.components(separatedBy: "font-size=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(!sizes.isEmpty && sizes.min()! >= Legibility.minimumTextSize)
        #expect(TestSupport.parseSVG(narrow.svg).valid)
    }

    @Test func chartsWithoutTextGetNone() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "spark", chart: Samples.sparkline()))
        #expect(rendered.narrow == nil)
    }

    @Test func everyNarrowableSampleHasLegibleNarrowText() throws {
        let geometry = try TestSupport.geometry()
        for job in Samples.all(geometry) where job.chart is any NarrowableChart {
            let rendered = try ChartRenderer().render(job)
            guard let narrow = rendered.narrow else { continue }
            let svg = String(decoding: narrow.svg, as: UTF8.self)
            let sizes = svg.components(separatedBy: "font-size=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
            #expect((sizes.min() ?? 10) >= Legibility.minimumTextSize, "\(job.name)")
        }
    }
}
