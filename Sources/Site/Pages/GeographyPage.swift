import Curated
import RxCore
import Charts

extension SiteBuild {
    mutating func makeGeography(year: Int) {
        let states = curated.states.filter { $0.year == year }.sorted { $0.state < $1.state }
        let source = "CMS Part D \(year); population: \(StateReference.populationSource)"
        func map(_ name: String, _ title: String, _ values: [String: Double], _ format: HumanNumber, _ legend: String) {
            chart(name, ChoroplethMap(
                caption: ChartCaption(title: title, subtitle: "States shaded in five classes with about equally many states each", source: source),
                geometry: input.geometry, values: values, format: format, legendTitle: legend, valueHeading: legend))
        }
        var perResident: [String: Double] = [:], perPrescriber: [String: Double] = [:], generic: [String: Double] = [:]
        for s in states {
            if let v = s.costPerResident { perResident[s.state] = v }
            perPrescriber[s.state] = s.claimsPerPrescriber
            generic[s.state] = s.genericClaimShare
        }
        map("geo-cost-per-resident", "Drug cost per resident, \(year)", perResident, .currency, "Cost per resident")
        map("geo-claims-per-prescriber", "Claims per prescriber, \(year)", perPrescriber, .compact, "Claims per prescriber")
        map("geo-generic-share", "Generic claim share, \(year)", generic, .percent, "Generic claim share")

        let table = HTMLTable(
            caption: "States and territories, \(year)",
            columns: [.init("State"), .init("Prescribers", .count), .init("Claims", .count),
                      .init("Drug cost ($)", .dollarsWhole), .init("Cost per claim ($)", .dollars),
                      .init("Claims per prescriber", .decimal(1)), .init("Generic claim share", .percent(1)),
                      .init("Population (residents)", .count), .init("Claims per 1,000 residents", .decimal(1)),
                      .init("Cost per resident ($)", .dollars)],
            // Ordered by the name shown, not by postal code.
            rows: states.sorted { ($0.stateName, $0.state) < ($1.stateName, $1.state) }.map { s in
                [.init("\(s.stateName) (\(s.state))", link: stateLink(s.state, root: "")),
                 .number(s.prescribers), .number(s.claims), .number(s.drugCost), .number(s.costPerClaim),
                 .number(s.claimsPerPrescriber), .number(s.genericClaimShare), .number(s.population),
                 .number(s.claimsPer1000Residents), .number(s.costPerResident)]
            }, filterable: true)
        let unmapped = states.filter { input.geometry.state($0.state) == nil }.map(\.state)
        pages.append(Page(
            path: "geography.html", title: "Geography", template: "geography", section: "geography",
            context: ["year": String(year), "state_count": String(states.count), "unmapped": unmapped.joined(separator: ", "),
                      "population_source": StateReference.populationSource,
                      "has_unmapped": !unmapped.isEmpty],
            fragments: [
                "cost_per_resident": .chart("geo-cost-per-resident", definition: "cost-per-resident"),
                "claims_per_prescriber": .chart("geo-claims-per-prescriber", definition: "claims-per-prescriber"),
                "generic_share": .chart("geo-generic-share", definition: "generic-claim-share"),
                "states": .html(table.html),
            ]))
    }

    /// The one locator map every state page shows, highlighting its state by URL fragment.
    static let locatorChart = "us-locator"

    mutating func makeStatePages(year: Int) {
        let source = "CMS Medicare Part D Prescribers by Provider and Drug, \(year)"
        let national = curated.kpis.last { $0.year == year }
        for s in curated.states.filter({ $0.year == year }).sorted(by: { $0.state < $1.state }) {
            guard let slug = stateSlugs[s.state] else { continue }
            search.append(SearchEntry(title: "\(s.stateName) (\(s.state))", kind: "state", url: "states/\(slug).html"))
            var fragments: [String: Fragment] = [:]
            if input.geometry.state(s.state) != nil {
                if !charts.contains(where: { $0.name == Self.locatorChart }) { chart(Self.locatorChart, LocatorMap(geometry: input.geometry)) }
                fragments["locator"] = .locator(Self.locatorChart, postal: s.state, stateName: s.stateName)
            }
            let drugs = curated.stateDrugs.filter { $0.year == year && $0.state == s.state }.sorted { $0.rank < $1.rank }
            if !drugs.isEmpty {
                chart("state-\(slug)-drugs", BarChart(
                    caption: ChartCaption(title: "Top drugs by claims in \(s.stateName), \(year)", source: source),
                    bars: drugs.prefix(10).map { .init($0.genericName, Double($0.claims)) }, format: .compact,
                    valueAxisTitle: "Claims", categoryHeading: "Drug", valueHeading: "Claims"))
                fragments["drug_chart"] = .chart("state-\(slug)-drugs", definition: "claims")
            }
            fragments["drugs"] = .html(HTMLTable(
                caption: "Top \(drugs.count) drugs by claims in \(s.stateName), \(year)",
                columns: [.init("Rank", .count), .init("Drug"), .init("Claims", .count),
                          .init("Drug cost ($)", .dollarsWhole), .init("Prescribers", .count)],
                rows: drugs.map { d in
                    [.number(d.rank), .init(d.genericName, link: drugLink(d.genericName, root: "../")),
                     .number(d.claims), .number(d.drugCost), .number(d.prescribers)]
                }).html)
            let top = curated.topPrescribers.filter { $0.year == year && $0.state == s.state }.sorted { $0.rank < $1.rank }
            fragments["prescribers"] = .html(HTMLTable(
                caption: "Top prescribers by claims in \(s.stateName), \(year)",
                columns: [.init("Rank", .count), .init("Prescriber"), .init("Specialty"),
                          .init("Claims", .count), .init("Drug cost ($)", .dollarsWhole)],
                rows: top.map { p in
                    [.number(p.rank), .init(p.displayName), .init(p.prescriberType, link: specialtyLink(p.prescriberType, root: "../")),
                     .number(p.claims), .number(p.drugCost)]
                }).html)
            let specialties = curated.stateSpecialties.filter { $0.year == year && $0.state == s.state }
                .sorted { ($0.claims, $1.prescriberType) > ($1.claims, $0.prescriberType) }
            fragments["specialties"] = .html(HTMLTable(
                caption: "Specialties in \(s.stateName) by claims, \(year)",
                columns: [.init("Specialty"), .init("Prescribers", .count), .init("Claims", .count),
                          .init("Drug cost ($)", .dollarsWhole)],
                rows: specialties.prefix(15).map { p in
                    [.init(p.prescriberType, link: specialtyLink(p.prescriberType, root: "../")),
                     .number(p.prescribers), .number(p.claims), .number(p.drugCost)]
                }).html)
            let history = curated.states.filter { $0.state == s.state }.sorted { $0.year < $1.year }
            fragments["history"] = .html(HTMLTable(
                caption: "\(s.stateName) by data year",
                columns: [.init("Year"), .init("Prescribers", .count), .init("Claims", .count),
                          .init("Drug cost ($)", .dollarsWhole), .init("Generic claim share", .percent(1))],
                rows: history.map { h in
                    [.init(String(h.year), sortKey: Double(h.year)), .number(h.prescribers), .number(h.claims),
                     .number(h.drugCost), .number(h.genericClaimShare)]
                }).html)
            let context: [String: Any] = [
                "year": String(year), "code": s.state, "name": s.stateName,
                "prescribers": Format.count(s.prescribers), "claims": Format.count(s.claims),
                "drug_cost": Format.money(s.drugCost), "cost_per_claim": Format.dollars(s.costPerClaim),
                "national_cost_per_claim": national.map { Format.dollars($0.costPerClaim) } ?? HumanNumber.missing,
                "generic_share": Format.percent(s.genericClaimShare),
                "claims_per_prescriber": Format.decimal(s.claimsPerPrescriber),
                "cost_per_resident": Format.optional(s.costPerResident, Format.dollars),
                "population": s.population.map { Format.count($0) } ?? "",
                "has_population": s.population != nil, "population_source": StateReference.populationSource,
                "has_locator": fragments["locator"] != nil,
            ]
            pages.append(Page(path: "states/\(slug).html", title: "\(s.stateName) (\(s.state))", template: "state",
                              section: "geography", context: context, fragments: fragments))
        }
    }
}
