import Curated
import Foundation
import Testing

@testable import Site

/// What the pages say is worded for the number of data years in the lake (one, two, many),
/// checked on the rendered text of lakes built in memory.
@Suite struct YearCountTextTests {
    func render(years: [Int], movers: MoversBase = MoversBase(minClaims: 1_000, minCost: 10_000)) throws -> [String: String] {
        let dir = try temporaryDirectory("years")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var fixture = CuratedFixture()
        fixture.years = years
        let lake = try fixture.write(to: dir + "/lake")
        var input = try SiteInput.load(lakeRoot: lake, title: "Test", geometryPath: repositoryRoot + "/assets/us-states-albers.json", policy: .init(suppressBelow: 11, pseudonymized: false))
        input.movers = movers
        let files = try SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates")).files(for: input)
        var pages: [String: String] = [:]
        for (path, bytes) in files where path.hasSuffix(".html") || path.hasSuffix(".svg") { pages[path] = String(decoding: bytes, as: UTF8.self) }
        return pages
    }

    @Test func oneYearReadsAsOneYear() throws {
        let pages = try render(years: [2023])
        let index = try #require(pages["index.html"])
        #expect(index.contains("Data year: 2023, the only year loaded."))
        #expect(index.contains("Drug cost was $"))
        #expect(index.contains("claims in 2023, the only data year loaded."))
        #expect(!index.contains("no earlier year"))
        #expect(!index.contains(" rose ") && !index.contains(" fell ") && !index.contains(" vs "))
        #expect(!index.contains("Claims change"))
        #expect(!index.contains("class=\"spark\""))
        #expect(!pages.keys.contains { $0.hasPrefix("charts/spark-") || $0.hasPrefix("charts/trend-") })
        let trends = try #require(pages["trends.html"])
        #expect(trends.contains("Only one data year, 2023, is loaded, so there is no trend to draw yet"))
        #expect(!trends.contains("<figure"))
        let drugs = try #require(pages["drugs.html"])
        #expect(drugs.contains("Risers and fallers need two data years; this lake has one, 2023."))
    }

    @Test func twoYearsCompareWithThePreviousYear() throws {
        let pages = try render(years: [2022, 2023])
        let index = try #require(pages["index.html"])
        #expect(index.contains("Data years: 2022, 2023. Figures are for the latest year, 2023, with the change from 2022."))
        #expect(index.contains("Drug cost rose "))
        #expect(index.contains(" from 2022 to $"))
        #expect(index.contains("of claims were for generic drugs, +1.0 pp against 2022."))
        #expect(!index.contains("Over the "))
        #expect(index.contains("+1.0 pp vs 2022"))
        let trends = try #require(pages["trends.html"])
        #expect(trends.contains("With two data years, each chart shows one change, from 2022 to 2023."))
        #expect(trends.contains("<figure"))
        #expect(trends.contains("among the 8 drugs with at least 1,000 claims and $10.0K drug cost in 2022"))
    }

    @Test func manyYearsAlsoDescribeTheWholeSpan() throws {
        let pages = try render(years: [2021, 2022, 2023])
        let index = try #require(pages["index.html"])
        #expect(index.contains("Over the 3 data years 2021–2023, drug cost rose "))
        #expect(index.contains("the generic share moved +2.0 pp."))
        #expect(try #require(pages["trends.html"]).contains("Data years 2021, 2022, 2023."))
    }

    @Test func moversNeedTheConfiguredBase() throws {
        // Claims in the fixture are 1,011…8,011 per drug: a base of 5,000 claims leaves four drugs.
        let some = try #require(try render(years: [2022, 2023], movers: MoversBase(minClaims: 5_000, minCost: 0))["drugs.html"])
        #expect(some.contains("among the 4 drugs with at least 5,000 claims and $0 drug cost in 2022"))
        let none = try #require(try render(years: [2022, 2023], movers: MoversBase(minClaims: 1_000_000, minCost: 0))["drugs.html"])
        #expect(none.contains("No drug had at least 1,000,000 claims and $0 drug cost in 2022"))
        #expect(!none.contains("Biggest risers"))
    }

    @Test func perResidentFiguresNameThePopulationVintage() throws {
        let pages = try render(years: [2023])
        #expect(try #require(pages["geography.html"]).contains("US Census Bureau, 2020 Census resident population (1 April 2020)"))
        #expect(try #require(pages["methodology.html"]).contains("2020 Census resident population (1 April 2020)"))
        #expect(try #require(pages["states/ca.html"]).contains("2020 Census resident population"))
        #expect(try #require(pages["index.html"]).contains("spent the most per resident: $"))
        #expect(try #require(pages["index.html"]).contains("(population: 2020 Census)."))
    }
}
