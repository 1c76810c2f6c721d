import Foundation
import Testing

@testable import Site

@Suite struct OutliersPageTests {
    func render(_ fixture: CuratedFixture = CuratedFixture(), listing: OutlierListing = OutlierListing()) throws -> [String: [UInt8]] {
        let dir = try temporaryDirectory("outliers")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lake = try fixture.write(to: dir + "/lake")
        var input = try SiteInput.load(lakeRoot: lake, title: "Test", geometryPath: repositoryRoot + "/assets/us-states-albers.json",
                                       policy: .init(suppressBelow: 11, pseudonymized: false))
        input.outlierListing = listing
        return try SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates")).files(for: input)
    }

    func page(_ files: [String: [UInt8]], _ path: String = "outliers.html") -> String {
        String(decoding: files[path] ?? [], as: UTF8.self)
    }

    @Test func listsTheFarthestPerSpecialtyCappedAndSaysSo() throws {
        let files = try render()
        let html = page(files)
        #expect(html.contains("An outlier is a question, not an accusation."))
        // 4 specialties: 12 flags in the first (10 shown), 2 in each other.
        #expect(html.components(separatedBy: "<section class=\"outlier-specialty\"").count - 1 == 4)
        #expect(html.contains("12 flags for 12 prescribers; the 10 farthest from their peers are shown."))
        #expect(html.contains("in 4 specialties."))
        let first = html.components(separatedBy: "<section class=\"outlier-specialty\"")
            .first { $0.contains("<h3>Internal Medicine</h3>") }!
        #expect(first.components(separatedBy: "<tr>").count - 2 == 10)  // header row + 10
        // Largest |z| first: k = 11 (z −12.25) leads, k = 0 and 1 (z 4.0, 4.75) are cut.
        let zs = first.components(separatedBy: "data-sort=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(zs.contains(-12.25) && zs.contains(11.5) && !zs.contains(4.0) && !zs.contains(4.75))
        #expect(html.contains("$910.00") && html.contains("95.0%"))
        #expect(html.contains("at least 20 of them") && html.contains("at least 250 claims") && html.contains("at least 4.0"))
        // In the navigation of every page, and explained on the methodology page.
        #expect(page(files, "index.html").contains("<a href=\"outliers.html\">Outliers</a>"))
        let methodology = page(files, "methodology.html")
        #expect(methodology.contains("Prescriber outliers") && methodology.contains("|z| ≥ 4.0"))
    }

    @Test func theCapAndThresholdsComeFromTheListing() throws {
        let html = page(try render(listing: OutlierListing(minPeers: 30, minClaims: 500, threshold: 3.5, perSpecialty: 3)))
        let first = html.components(separatedBy: "<section class=\"outlier-specialty\"").first { $0.contains("<h3>Internal Medicine</h3>") }!
        #expect(first.components(separatedBy: "<tr>").count - 2 == 3)
        #expect(html.contains("at least 30 of them") && html.contains("at least 500 claims") && html.contains("at least 3.5"))
    }

    @Test func noFlagsSaysSo() throws {
        var fixture = CuratedFixture()
        fixture.outliersInFirstSpecialty = 0
        fixture.specialties = ["Internal Medicine"]
        let html = page(try render(fixture))
        #expect(html.contains("No prescriber was far enough from their peers in 2023"))
        #expect(!html.contains("outlier-specialty"))
    }

    @Test func hostileNamesAreLiteralOnTheOutliersPage() throws {
        let (dir, files) = try HostileNamesTests.renderHostile()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let html = page(files)
        #expect(!html.contains("<script>alert") && !html.contains("<img src=x") && !html.contains("href=\"http://evil.example"))
        let text = try visibleText(html)
        for name in HostileNamesTests.hostile.prefix(4) + HostileNamesTests.hostile.suffix(5) where !name.contains("\u{202E}") {
            #expect(text.contains(name), "outliers page does not show \(name) literally")
        }
    }
}
