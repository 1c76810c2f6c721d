import Charts
import Curated

extension SiteBuild {
    mutating func makeDrugs(year: Int) {
        let generics = curated.generics.filter { $0.year == year }
        let byClaims = generics.sorted { $0.rankClaims < $1.rankClaims }
        let byCost = generics.sorted { $0.rankCost < $1.rankCost }
        let source = "CMS Medicare Part D Prescribers by Provider and Drug, \(year)"

        chart("drugs-top-claims", BarChart(
            caption: ChartCaption(title: "Top 25 drugs by claims, \(year)", subtitle: "Generic name; all brands combined", source: source),
            bars: byClaims.prefix(25).map { .init($0.genericName, Double($0.claims)) }, format: .compact,
            valueAxisTitle: "Claims", categoryHeading: "Drug", valueHeading: "Claims"))
        chart("drugs-top-cost", BarChart(
            caption: ChartCaption(title: "Top 25 drugs by drug cost, \(year)", subtitle: "Generic name; all brands combined", source: source),
            bars: byCost.prefix(25).map { .init($0.genericName, $0.drugCost) }, format: .currency,
            valueAxisTitle: "Drug cost", categoryHeading: "Drug", valueHeading: "Drug cost"))
        chart("drugs-share", DonutChart(
            caption: ChartCaption(title: "Share of claims by drug, \(year)", subtitle: "The largest drugs", source: source),
            items: byClaims.map { ShareItem($0.genericName, Double($0.claims)) }, topN: 8, format: .compact,
            categoryHeading: "Drug", valueHeading: "Claims"))
        chart("drugs-cost-per-claim", BarChart(
            caption: ChartCaption(title: "Cost per claim of the 25 costliest drugs, \(year)", source: source),
            bars: byCost.prefix(25).map { .init($0.genericName, $0.claims > 0 ? $0.drugCost / Double($0.claims) : 0) },
            format: .currency, valueAxisTitle: "Cost per claim", categoryHeading: "Drug", valueHeading: "Cost per claim"))

        // Generic vs brand: claims of products sold under their generic name vs under a brand.
        let years = curated.years
        var genericClaims: [Double] = [], brandClaims: [Double] = []
        for y in years {
            let rows = curated.drugs.filter { $0.year == y }
            genericClaims.append(Double(rows.filter(\.isGeneric).reduce(0) { $0 + $1.claims }))
            brandClaims.append(Double(rows.filter { !$0.isGeneric }.reduce(0) { $0 + $1.claims }))
        }
        chart("drugs-generic-brand", GroupedBarChart(
            caption: ChartCaption(title: "Claims for generic and brand-name products", subtitle: "By data year", source: source),
            categories: years.map(String.init),
            series: [.init("Generic", genericClaims), .init("Brand", brandClaims)], layout: .stacked,
            format: .compact, valueAxisTitle: "Claims", categoryHeading: "Year"))

        let brands = curated.drugs.filter { $0.year == year }.sorted { $0.rankCost < $1.rankCost }
        let brandTable = HTMLTable(
            caption: "Top 25 products (brand and generic name) by drug cost, \(year)",
            columns: [.init("Brand name"), .init("Generic name"), .init("Type"), .init("Claims", .count),
                      .init("Drug cost ($)", .dollarsWhole), .init("Cost per claim ($)", .dollars),
                      .init("Cost per day ($)", .dollars), .init("Share of cost", .percent(1))],
            rows: brands.prefix(25).map { d in
                [.init(d.brandName), .init(d.genericName, link: drugPage[d.genericName]), .init(d.isGeneric ? "generic" : "brand"),
                 .number(d.claims), .number(d.drugCost), .number(d.costPerClaim), .number(d.costPerDay), .number(d.costShare)]
            })

        // Brand names find their generic's page, or its row (the page lists drugs by generic name).
        for d in curated.drugs where d.year == year && !d.isGeneric && d.brandName != d.genericName {
            guard let url = drugLink(d.genericName, root: "") else { continue }
            search.append(SearchEntry(title: "\(d.brandName) (\(d.genericName))", kind: "brand", url: url))
        }
        var allRows: [[HTMLTable.Cell]] = []
        for g in byClaims {
            let anchor = drugAnchor[g.genericName]!
            // A drug with a page of its own is found there (`makeDrugPages` adds its entry).
            if drugPage[g.genericName] == nil { search.append(SearchEntry(title: g.genericName, kind: "drug", url: "drugs.html#\(anchor)")) }
            allRows.append([
                .init(g.genericName, link: drugPage[g.genericName], anchor: anchor), .number(g.rankClaims), .number(g.claims), .number(g.drugCost),
                .number(g.rankCost), .number(g.prescribers), .number(g.brandCount), .number(g.genericClaimShare),
            ])
        }
        let allTable = HTMLTable(
            caption: "Every drug by generic name, \(year) (\(Format.count(generics.count)) drugs)",
            columns: [.init("Drug"), .init("Rank by claims", .count), .init("Claims", .count),
                      .init("Drug cost ($)", .dollarsWhole), .init("Rank by cost", .count),
                      .init("Prescribers", .count), .init("Brands", .count),
                      .init("Generic claim share", .percent(1))],
            rows: allRows, filterable: true)

        let context: [String: Any] = [
            "year": String(year), "drug_count": Format.count(generics.count),
            "top_claims": byClaims.first?.genericName ?? "", "top_cost": byCost.first?.genericName ?? "",
            "page_count": Format.count(drugPage.count), "has_pages": !drugPage.isEmpty,
        ]
        pages.append(Page(
            path: "drugs.html", title: "Drugs", template: "drugs", section: "drugs", context: context,
            fragments: [
                "top_claims": .chart("drugs-top-claims", definition: "claims"),
                "top_cost": .chart("drugs-top-cost", definition: "drug-cost"),
                "share": .chart("drugs-share", definition: "claim-share"),
                "generic_brand": .chart("drugs-generic-brand", definition: "generic-claim-share"),
                "cost_per_claim": .chart("drugs-cost-per-claim", definition: "cost-per-claim"),
                "products": .html(brandTable.html),
                "movers": .html(moversTable(year: year, page: "drugs")),
                "all_drugs": .html(allTable.html),
            ]))
    }
}
