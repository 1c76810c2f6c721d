import Charts
import Curated
import RxCore

extension SiteBuild {
    mutating func makeOverview(year: Int) {
        let kpis = curated.kpis
        guard let latest = kpis.last else { return }
        let labels = kpis.map { String($0.year) }
        let previous = kpis.count > 1 ? String(kpis[kpis.count - 2].year) : nil
        struct Spec {
            var id: String, label: String, value: String, change: Double?, points: Bool, series: [Double], format: HumanNumber
        }
        let specs = [
            Spec(id: "prescribers", label: "Prescribers", value: Format.count(latest.prescribers), change: latest.yoyPrescribers,
                 points: false, series: kpis.map { Double($0.prescribers) }, format: .compact),
            Spec(id: "claims", label: "Claims", value: Format.count(latest.claims), change: latest.yoyClaims,
                 points: false, series: kpis.map { Double($0.claims) }, format: .compact),
            Spec(id: "drug-cost", label: "Drug cost", value: Format.money(latest.drugCost), change: latest.yoyDrugCost,
                 points: false, series: kpis.map(\.drugCost), format: .currency),
            Spec(id: "cost-per-claim", label: "Cost per claim", value: Format.dollars(latest.costPerClaim),
                 change: latest.yoyCostPerClaim, points: false, series: kpis.map(\.costPerClaim), format: .currency),
            Spec(id: "generic-claim-share", label: "Generic claim share", value: Format.percent(latest.genericClaimShare),
                 change: latest.yoyGenericClaimShare, points: true, series: kpis.map(\.genericClaimShare), format: .percent),
            Spec(id: "drugs", label: "Drugs", value: Format.count(latest.drugs), change: nil, points: false,
                 series: kpis.map { Double($0.drugs) }, format: .compact),
        ]
        var cards: [KPICard] = []
        for spec in specs {
            // One data year makes a sparkline of one dot: no sparkline then.
            let name = "spark-\(spec.id)"
            if kpis.count > 1 { chart(name, Sparkline(title: spec.label, values: spec.series, labels: labels, format: spec.format)) }
            let change = spec.change.flatMap { c -> String? in
                guard let previous else { return nil }
                return (spec.points ? Format.points(c) : Format.change(c)) + " vs \(previous)"
            }
            let rising = spec.change.flatMap { $0 == 0 ? nil : $0 > 0 }
            let trend = zip(labels, spec.format.column(spec.series)).map { "\($0.0): \($0.1)" }.joined(separator: ", ")
            cards.append(KPICard(
                label: spec.label, value: spec.value, change: change, rising: rising, sparkline: kpis.count > 1 ? "charts/\(name).svg" : nil,
                sparklineAlt: "\(spec.label) by year: \(trend)", definition: spec.id))
        }

        // Change columns only when there is an earlier year to change from.
        let changes = kpis.count > 1
        let byYear = HTMLTable(
            caption: changes ? "Headline figures by data year" : "Headline figures, \(year)",
            columns: [.init("Year"), .init("Prescribers", .count), .init("Claims", .count),
                      .init("Drug cost ($)", .dollarsWhole), .init("Cost per claim ($)", .dollars),
                      .init("Generic claim share", .percent(1))]
                + (changes ? [.init("Claims change", .change), .init("Cost change", .change),
                              .init("Generic share change", .points)] : []),
            rows: kpis.reversed().map { k in
                [.init(String(k.year), sortKey: Double(k.year)), .number(k.prescribers), .number(k.claims),
                 .number(k.drugCost), .number(k.costPerClaim), .number(k.genericClaimShare)]
                    + (changes ? [.number(k.yoyClaims), .number(k.yoyDrugCost), .number(k.yoyGenericClaimShare)] : [])
            })

        var context: [String: Any] = [
            "year": String(year), "years": curated.years.map(String.init).joined(separator: ", "),
            "single_year": kpis.count == 1, "previous": previous ?? "",
            "highlights": highlights(year: year),
        ]
        if let quality = input.quality {
            let share = quality.raw > 0 ? Double(quality.quarantined) / Double(quality.raw) : 0
            context["quality"] = [
                "raw": Format.count(quality.raw), "quarantined": Format.count(quality.quarantined),
                "share": Format.percent(share, precision: 2),
                "balanced": quality.tables.allSatisfy(\.balances),
            ] as [String: Any]
        }
        if let gates = input.gates { context["gates_failed"] = !gates.passed }
        pages.append(Page(
            path: "index.html", title: input.title, template: "index", section: "overview", context: context,
            fragments: ["kpis": .kpis(cards), "kpi_table": .html(byYear.html)]))
    }

    /// Sentences written from the data (each value escaped by the template).
    func highlights(year: Int) -> [String] {
        var lines: [String] = []
        let generics = curated.generics.filter { $0.year == year }
        if let top = generics.min(by: { $0.rankClaims < $1.rankClaims }) {
            lines.append("\(top.genericName) had the most claims in \(year): \(Format.count(top.claims)).")
        }
        if let top = generics.min(by: { $0.rankCost < $1.rankCost }) {
            lines.append("\(top.genericName) cost the most: \(Format.money(top.drugCost)).")
        }
        lines += yearOverYearSentences()
        let states = curated.states.filter { $0.year == year && $0.costPerResident != nil }
        if let top = states.max(by: { ($0.costPerResident!, $1.state) < ($1.costPerResident!, $0.state) }) {
            lines.append("\(top.stateName) spent the most per resident: \(Format.dollars(top.costPerResident!)) (population: \(StateReference.populationVintage)).")
        }
        return lines
    }
}
