import Foundation
import Lake
import Testing

@testable import Site

@Suite struct SiteRenderTests {
    func render(_ fixture: CuratedFixture = CuratedFixture()) throws -> (site: String, files: [String: [UInt8]]) {
        let dir = try temporaryDirectory("site")
        let lake = try fixture.write(to: dir + "/lake")
        let input = try SiteInput.load(lakeRoot: lake, title: "Test report", geometryPath: repositoryRoot + "/assets/us-states-albers.json", policy: .init(suppressBelow: 11, pseudonymized: false))
        let renderer = SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates"))
        try renderer.render(input, to: dir + "/site")
        return (dir + "/site", try renderer.files(for: input))
    }

    @Test func rendersEveryPage() throws {
        let (site, files) = try render()
        defer { try? FileManager.default.removeItem(atPath: (site as NSString).deletingLastPathComponent) }
        if let keep = ProcessInfo.processInfo.environment["RXPIPE_KEEP_TEST_SITE"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: site, toPath: keep)
        }
        for page in ["index.html", "drugs.html", "prescribers.html", "geography.html", "trends.html", "quality.html",
                     "eda/index.html", "catalog.html", "methodology.html", "downloads.html", "report.html", "states/ca.html"] {
            #expect(files[page] != nil, "missing \(page)")
            #expect(FileManager.default.fileExists(atPath: site + "/" + page), "not written: \(page)")
        }
        let index = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(index.contains("Atorvastatin had the most claims in 2023"))
        #expect(index.contains("<h2 id=\"highlights\">Highlights</h2>"))
    }
}

@Suite struct SiteIntegrityTests {
    @Test func everyLinkResolvesAndEveryPageIsWellFormed() throws {
        let dir = try temporaryDirectory("integrity")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lake = try CuratedFixture().write(to: dir + "/lake")
        let input = try SiteInput.load(lakeRoot: lake, title: "Test", geometryPath: repositoryRoot + "/assets/us-states-albers.json", policy: .init(suppressBelow: 11, pseudonymized: false))
        let renderer = SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates"))
        let files = try renderer.files(for: input)
        let problems = SiteChecker(files: files).problems()
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        // Same inputs, same bytes (the run label lives in assets/run.css, in the gate record,
        // which is never published, and on the cover of report.html, only).
        let again = try renderer.files(for: input, runLabel: "20261127T000000Z-abc")
        #expect(Set(files.keys) == Set(again.keys))
        for (path, bytes) in files where !["assets/run.css", ".rxpipe-gates.json", "report.html"].contains(path) {
            #expect(again[path] == bytes, "\(path) differs between two renders")
        }
        let third = try renderer.files(for: input, runLabel: "20261127T000000Z-abc")
        #expect(third["report.html"] == again["report.html"], "report.html differs between two renders of one run")
    }
}
