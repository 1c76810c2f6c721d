import Foundation
import Testing

@testable import Site

/// Every data year gets its own drugs, prescribers and geography pages and each pair of
/// consecutive years a comparison page; one data year gets neither (nothing to switch to).
@Suite struct YearPagesTests {
    func files(years: [Int]) throws -> [String: String] {
        let dir = try temporaryDirectory("years")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var fixture = CuratedFixture()
        fixture.years = years
        let lake = try fixture.write(to: dir + "/lake")
        let input = try SiteInput.load(lakeRoot: lake, title: "Test", geometryPath: repositoryRoot + "/assets/us-states-albers.json", policy: .init(suppressBelow: 11, pseudonymized: false))
        let renderer = SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates"))
        return try renderer.files(for: input).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func earlierYearsHaveTheirOwnPagesAndSwitches() throws {
        let files = try files(years: [2021, 2022, 2023])
        for base in ["drugs", "prescribers", "geography"] {
            for year in [2021, 2022] {
                let page = try #require(files["\(base)-\(year).html"], "\(base)-\(year).html")
                #expect(page.contains("<strong aria-current=\"page\">\(year)</strong>"))
                #expect(page.contains("<a href=\"\(base).html\">2023</a>"))
                #expect(page.contains(", \(year)</h1>"), "\(base)-\(year): heading names the year")
            }
            #expect(files["\(base).html"]!.contains("<a href=\"\(base)-2021.html\">2021</a>"))
        }
        // The earlier year's charts are its own, not the latest's.
        #expect(files["drugs-2021.html"]!.contains("charts/drugs-top-claims-2021.svg"))
        #expect(files["charts/drugs-top-claims-2021.svg"]!.contains("2021"))
        #expect(files["compare.html"]!.contains("National figures, 2022 and 2023"))
        #expect(files["compare-2021-2022.html"]!.contains("National figures, 2021 and 2022"))
        // Search and downloads stay those of the latest year: no entry points at a year page.
        for (path, script) in files where path.hasPrefix("assets/search/") {
            #expect(!script.contains("-2021.html") && !script.contains("-2022.html"), "\(path)")
        }
    }

    @Test func oneDataYearHasNoYearPagesOrComparison() throws {
        let files = try files(years: [2023])
        #expect(!files.keys.contains { $0.hasPrefix("drugs-") || $0.hasPrefix("compare") })
        #expect(!files["drugs.html"]!.contains("year-switch"))
    }
}
