import Curated
import Foundation
import Testing

@testable import Site

/// Drug and specialty pages (issue #20): one per drug above the threshold and per specialty,
/// linked from the drugs, prescribers and state pages and from the search index.
@Suite struct EntityPagesTests {
    static func render(limit: Int, _ fixture: CuratedFixture = CuratedFixture()) throws -> (input: SiteInput, files: [String: [UInt8]]) {
        let dir = try temporaryDirectory("entity")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lake = try fixture.write(to: dir + "/lake")
        var input = try SiteInput.load(lakeRoot: lake, title: "Test", geometryPath: repositoryRoot + "/assets/us-states-albers.json",
                                       policy: .init(suppressBelow: 11, pseudonymized: false))
        input.drugPageLimit = limit
        let renderer = SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates"))
        return (input, try renderer.files(for: input))
    }

    static func text(_ files: [String: [UInt8]], _ path: String) -> String {
        String(decoding: files[path] ?? [], as: UTF8.self)
    }

    @Test func aPageForEveryDrugAboveTheThresholdAndEverySpecialty() throws {
        let fixture = CuratedFixture()
        let (input, files) = try Self.render(limit: 3, fixture)
        let year = input.curated.latestYear!
        let ranked = input.curated.generics.filter { $0.year == year }.sorted { $0.rankClaims < $1.rankClaims }
        let drugs = Self.text(files, "drugs.html")
        for g in ranked {
            let path = "drugs/\(Slug.make(g.genericName)).html"
            if g.rankClaims <= 3 {
                #expect(files[path] != nil, "no page for \(g.genericName)")
                #expect(drugs.contains("<a href=\"\(path)\">\(g.genericName)</a>"), "drugs.html does not link \(path)")
                let page = Self.text(files, path)
                #expect(page.contains("<h1 id=\"\(Slug.make(g.genericName))-\(year)\">\(g.genericName), \(year)</h1>") || page.contains(">\(g.genericName), \(year)</h1>"))
                #expect(page.contains("Products of \(g.genericName)"))
                #expect(page.contains("\(g.genericName) by data year"))
            } else {
                #expect(files[path] == nil, "\(g.genericName) is below the threshold but has a page")
            }
        }
        #expect(files.keys.filter { $0.hasPrefix("drugs/") }.count == 3)
        for s in fixture.specialties {
            let path = "specialties/\(Slug.make(s)).html"
            #expect(files[path] != nil, "no page for \(s)")
            #expect(Self.text(files, "prescribers.html").contains("<a href=\"\(path)\">\(s)</a>"))
            #expect(Self.text(files, path).contains("Top 3 drugs by claims, \(s)"))
        }
        // State pages link drug names to the drug's page (or its row) and specialties to theirs.
        let ca = Self.text(files, "states/ca.html")
        #expect(ca.contains("href=\"../drugs/\(Slug.make(ranked[0].genericName)).html\""))
        #expect(ca.contains("href=\"../drugs.html#drug-\(Slug.make(ranked[4].genericName))\""))
        #expect(ca.contains("href=\"../specialties/\(Slug.make(fixture.specialties[0])).html\""))
        // The drug page links back to states and specialties.
        let top = Self.text(files, "drugs/\(Slug.make(ranked[0].genericName)).html")
        #expect(top.contains("href=\"../states/ca.html\""))
        #expect(top.contains("href=\"../specialties/"))
        let problems = SiteChecker(files: files).problems()
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func aSpecialtyPageListsItsOutliersFarthestFirst() throws {
        let fixture = CuratedFixture()
        let dir = try temporaryDirectory("entity-outliers")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var input = try SiteInput.load(lakeRoot: try fixture.write(to: dir + "/lake"), title: "Test",
                                       geometryPath: repositoryRoot + "/assets/us-states-albers.json",
                                       policy: .init(suppressBelow: 11, pseudonymized: false))
        let year = input.curated.latestYear!
        let flagged = fixture.specialties[0], calm = fixture.specialties[1]
        input.curated.outliers = (1...7).map { i in
            PrescriberOutlier(year: year, npi: 1_000_000_000 + i, displayName: "Flagged Prescriber \(i)", state: "CA",
                              prescriberType: flagged, metric: i % 2 == 0 ? "brand_share" : "cost_per_claim",
                              value: 10.0 * Double(i), peerMedian: 5, peerMAD: 0.5, robustZ: 4.0 + Double(i), peerCount: 25, claims: 300)
        }
        let files = try SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates")).files(for: input)
        let page = Self.text(files, "specialties/\(Slug.make(flagged)).html")
        #expect(page.contains("7 flags for 7 prescribers"))
        #expect(page.contains("href=\"../outliers.html#outliers-\(Slug.make(flagged))\""))
        #expect(Self.text(files, "outliers.html").contains("id=\"outliers-\(Slug.make(flagged))\""))
        // The five farthest, farthest first; the two nearest only on the outliers page.
        let shown = (3...7).reversed().map { "Flagged Prescriber \($0)" }
        let positions = shown.map { page.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted())
        #expect(!page.contains("Flagged Prescriber 1<") && !page.contains("Flagged Prescriber 2<"))
        #expect(Self.text(files, "specialties/\(Slug.make(calm)).html").contains("No prescriber of this specialty was flagged"))
        let problems = SiteChecker(files: files).problems()
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func searchEntriesPointAtThePages() throws {
        let (_, files) = try Self.render(limit: 3)
        let a = Self.text(files, "assets/search/a.js")
        #expect(a.contains("[\"Atorvastatin\",\"drug\",\"drugs/atorvastatin.html\"]"))
        #expect(a.contains("[\"Apixaban\",\"drug\",\"drugs.html#drug-apixaban\"]"))
        #expect(Self.text(files, "assets/search/c.js").contains("[\"Cardiology\",\"specialty\",\"specialties/cardiology.html\"]"))
        // A brand finds its generic's page.
        #expect(Self.text(files, "assets/search/b.js").contains("[\"BrandAtorvastatin (Atorvastatin)\",\"brand\",\"drugs/atorvastatin.html\"]"))
    }

    @Test func theDictionaryDescribesEveryPublishedColumn() throws {
        let (input, files) = try Self.render(limit: 3)
        let page = Self.text(files, "dictionary.html")
        #expect(!page.contains("not described"))
        #expect(input.tableDownloads.count == 12)
        for d in input.tableDownloads {
            #expect(DataDictionary.tables[d.table] != nil, "\(d.table) has no description")
            #expect(page.contains("<h2 id=\"table-\(Slug.make(d.table))\">"))
            for f in d.fields {
                #expect(DataDictionary.entry(table: d.table, column: f.name) != nil, "\(d.table).\(f.name) is not described")
            }
        }
        #expect(Self.text(files, "methodology.html").contains("href=\"dictionary.html\""))
        #expect(Self.text(files, "downloads.html").contains("href=\"dictionary.html\""))
    }

    @Test func everyTableButThePerPrescriberOneIsJSON() throws {
        let (input, files) = try Self.render(limit: 3)
        for d in input.tableDownloads {
            let path = "data/\(Slug.make(d.table)).json"
            if d.table == "prescriber_summary" {
                #expect(files[path] == nil)
                continue
            }
            let bytes = try #require(files[path], "no \(path)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(json["table"] as? String == d.table)
            #expect(json["schema_version"] as? Int == 1)
            let columns = try #require(json["columns"] as? [[String: Any]])
            let header = String(decoding: d.bytes.prefix { $0 != 0x0A }, as: UTF8.self).split(separator: ",").map(String.init)
            #expect(columns.map { $0["name"] as? String ?? "" } == header)
            #expect(columns.allSatisfy { $0["unit"] is String && $0["type"] is String })
            let rows = try #require(json["rows"] as? [[Any]])
            #expect(rows.count == d.rows)
            #expect(rows.allSatisfy { $0.count == header.count })
        }
        let kpi = try #require(try JSONSerialization.jsonObject(with: Data(files["data/kpi-year.json"]!)) as? [String: Any])
        let first = try #require((kpi["rows"] as? [[Any]])?.first)
        #expect(first[0] as? Int == 2021)
        #expect(Self.text(files, "downloads.html").contains("<a href=\"data/kpi-year.json\">JSON</a>"))
    }
}
