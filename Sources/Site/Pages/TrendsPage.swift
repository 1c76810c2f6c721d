import Charts

extension SiteBuild {
    mutating func makeTrends(year: Int) {
        let kpis = curated.kpis
        let labels = kpis.map { String($0.year) }
        // One data year: a line chart would be one dot. The page says so and draws nothing.
        guard kpis.count > 1 else {
            pages.append(Page(path: "trends.html", title: "Trends", template: "trends", section: "trends",
                              context: ["year": String(year), "years": labels.joined(separator: ", "), "single_year": true]))
            return
        }
        let source = "CMS Medicare Part D Prescribers by Provider and Drug"
        chart("trend-claims", LineChart(
            caption: ChartCaption(title: "Claims by data year", source: source), xLabels: labels,
            series: [.init("Claims", kpis.map { Double($0.claims) })], format: .compact, yAxisTitle: "Claims"))
        chart("trend-cost", LineChart(
            caption: ChartCaption(title: "Drug cost by data year", source: source), xLabels: labels,
            series: [.init("Drug cost", kpis.map(\.drugCost))], format: .currency, yAxisTitle: "Drug cost"))
        chart("trend-cost-per-claim", LineChart(
            caption: ChartCaption(title: "Cost per claim by data year", source: source), xLabels: labels,
            series: [.init("Cost per claim", kpis.map(\.costPerClaim))], format: .currency, yAxisTitle: "Cost per claim"))
        chart("trend-generic-share", LineChart(
            caption: ChartCaption(title: "Generic claim share by data year", source: source), xLabels: labels,
            series: [.init("Generic claim share", kpis.map(\.genericClaimShare))], format: .percent,
            yAxisTitle: "Share of claims", includeZero: false))

        // The five drugs with the most claims in the latest year, followed across every year.
        let leaders = curated.generics.filter { $0.year == year }.sorted { $0.rankClaims < $1.rankClaims }.prefix(5).map(\.genericName)
        var series: [LineChart.Series] = []
        for name in leaders {
            let byYear = Dictionary(curated.trends.filter { $0.genericName == name }.map { ($0.year, Double($0.claims)) }) { a, _ in a }
            series.append(.init(name, kpis.map { byYear[$0.year] ?? 0 }))
        }
        if !series.isEmpty {
            chart("trend-leaders", LineChart(
                caption: ChartCaption(title: "Claims of the five most prescribed drugs of \(year)", source: source),
                xLabels: labels, series: series, format: .compact, yAxisTitle: "Claims"))
        }
        var fragments: [String: Fragment] = [
            "claims": .chart("trend-claims", definition: "claims"),
            "cost": .chart("trend-cost", definition: "drug-cost"),
            "cost_per_claim": .chart("trend-cost-per-claim", definition: "cost-per-claim"),
            "generic_share": .chart("trend-generic-share", definition: "generic-claim-share"),
            "movers": .html(moversTable(year: year, page: "trends", limit: 15)),
        ]
        if !series.isEmpty { fragments["leaders"] = .chart("trend-leaders", definition: "claims") }
        pages.append(Page(
            path: "trends.html", title: "Trends", template: "trends", section: "trends",
            context: ["year": String(year), "years": labels.joined(separator: ", "), "single_year": false,
                      "two_years": kpis.count == 2, "first_year": labels.first ?? "", "has_leaders": !series.isEmpty],
            fragments: fragments))
    }
}
