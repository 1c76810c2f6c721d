import Curated
import Foundation
import Testing

@testable import Site

@Suite struct ReportPageTests {
    let keys = ["index.html": "overview", "methodology.html": "methodology", "drugs.html": "drugs"]

    @Test func sectionsHaveOneLevelLowerHeadingsAndPrefixedIDs() {
        let page = "<h1>Drugs, 2023</h1>\n<h2 id=\"claims\">Claims</h2>\n<table><tr><th id=\"drug-a\">A</th></tr></table>"
        let section = ReportSection(keys: keys, key: "drugs").rewrite(page)
        #expect(section.html == "<h2 id=\"drugs\">Drugs, 2023</h2>\n<h3 id=\"drugs-claims\">Claims</h3>\n<table><tr><th id=\"drugs-drug-a\">A</th></tr></table>")
        #expect(section.ids == ["drugs", "drugs-claims", "drugs-drug-a"])
    }

    @Test func linksPointInsideTheDocumentOrLoseTheirHref() {
        let page = "<a href=\"methodology.html#claims\">definition</a> <a href=\"#claims\">up</a> "
            + "<a href=\"drugs.html\">Drugs</a> <a href=\"states/ca.html\">California</a> <header><hr></header>"
        let section = ReportSection(keys: keys, key: "overview").rewrite(page)
        #expect(section.html == "<a href=\"#methodology-claims\">definition</a> <a href=\"#overview-claims\">up</a> "
            + "<a href=\"#drugs\">Drugs</a> <a>California</a> <header><hr></header>")
        // A target the report lacks is no link at all.
        #expect(ReportLinks.resolve(section.html, ids: ["methodology-claims", "drugs"])
            == "<a href=\"#methodology-claims\">definition</a> <a>up</a> <a href=\"#drugs\">Drugs</a> <a>California</a> <header><hr></header>")
    }

    @Test func generationDateComesFromTheRunID() {
        #expect(ReportCover.runDate("000042-20261127T031500Z-3f2a9c1d") == "2026-11-27 (the run's start, UTC)")
        #expect(ReportCover.runDate("20261127T031500Z-3f2a9c1d") == "2026-11-27 (the run's start, UTC)")
        #expect(ReportCover.runDate("manual") == nil)
    }

    @Test func contentsListSectionsAndTheirHeadings() {
        let entries = ReportContents.subheadings("<h2 id=\"drugs\">Drugs</h2><h3 id=\"drugs-top\">Top <em>drugs</em> &amp; more</h3><h4 id=\"x\">no</h4>")
        #expect(entries.map(\.id) == ["drugs-top"])
        #expect(entries.map(\.title) == ["Top drugs & more"])
        let html = ReportContents.html([.init(id: "drugs", title: "Drugs", children: entries)])
        #expect(html.contains("<li><a href=\"#drugs\">Drugs</a>\n<ol><li><a href=\"#drugs-top\">Top drugs &amp; more</a></li></ol>"))
    }

    @Test func reportIsOneFinishedDocument() throws {
        let dir = try temporaryDirectory("report")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lake = try CuratedFixture().write(to: dir + "/lake")
        var input = try SiteInput.load(
            lakeRoot: lake, title: "Test report", geometryPath: repositoryRoot + "/assets/us-states-albers.json",
            policy: .init(suppressBelow: 11, pseudonymized: false),
            gates: GateSummary(gates: [.init(name: "quarantine_share", passed: false, detail: "3.2% of rows quarantined")]))
        input.dataVersion = "0123456789abcdef0123"
        let renderer = SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates"))
        let report = String(decoding: try renderer.files(for: input, runLabel: "20261127T031500Z-3f2a9c1d")["report.html"]!, as: UTF8.self)
        #expect(report.components(separatedBy: "<h1").count == 2, "one <h1>")
        for text in ["20261127T031500Z-3f2a9c1d", "2026-11-27", "0123456789abcdef", "Quality gate failed.", "quarantine_share",
                     "<h2 id=\"contents\">Contents</h2>", "<h2 id=\"methodology\">", "<h2 id=\"quality\">", "<footer class=\"site-footer\">",
                     "href=\"#methodology-disclosure-policy\"", "href=\"#methodology-claims\""] {
            #expect(report.contains(text), "report.html lacks \(text)")
        }
        #expect(!report.contains("## Reports") && !report.contains(">Reports</h"), "the site's list of pages stays on the site")
        let ids = SiteChecker.tags(report).0.compactMap { $0.attributes["id"] }
        #expect(ids.count == Set(ids).count, "duplicate ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted().prefix(10))")
        let problems = SiteChecker(files: ["report.html": Array(report.utf8)]).problems()
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }
}
