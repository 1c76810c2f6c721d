import Charts
import Curated

extension SiteBuild {
    /// The risers and fallers in drug cost against the previous data year, among the drugs with
    /// at least the base of `input.movers` that year; the note above the tables states the base.
    func moversTable(year: Int, page: String, limit: Int = 10) -> String {
        guard let previous = curated.years.last(where: { $0 < year }) else {
            return "<p class=\"note\">Risers and fallers need two data years; this lake has one, \(year).</p>"
        }
        let base = input.movers
        var before: [String: DrugTrend] = [:]
        for t in curated.trends where t.year == previous { before[t.genericName] = t }
        let rows = curated.trends.filter { t in
            guard t.year == year, t.yoyDrugCost != nil, let b = before[t.genericName] else { return false }
            return b.claims >= base.minClaims && b.drugCost >= base.minCost
        }
        let baseText = "at least \(Format.count(base.minClaims)) claims and \(Format.money(base.minCost)) drug cost in \(previous)"
        guard !rows.isEmpty else {
            return "<p class=\"note\">No drug had \(baseText), the base a drug needs to be listed among the risers and fallers "
                + "(<code>[site] movers_min_claims</code>, <code>movers_min_cost</code>).</p>"
        }
        let note = "<p class=\"note\">Relative change in drug cost from \(previous) to \(year), among the \(Format.count(rows.count)) "
            + "drugs with \(baseText) (smaller drugs swing by large percentages on small sums).</p>"
        let risers = rows.filter { $0.yoyDrugCost! > 0 }.sorted { ($0.yoyDrugCost!, $1.genericName) > ($1.yoyDrugCost!, $0.genericName) }
        let fallers = rows.filter { $0.yoyDrugCost! < 0 }.sorted { ($0.yoyDrugCost!, $0.genericName) < ($1.yoyDrugCost!, $1.genericName) }
        func table(_ caption: String, _ items: [DrugTrend], none: String) -> String {
            guard !items.isEmpty else { return "<p class=\"note\">\(none)</p>" }
            return HTMLTable(
                caption: caption,
                columns: [.init("Drug"), .init("Drug cost \(previous) ($)", .money), .init("Drug cost \(year) ($)", .money),
                          .init("Change", .change), .init("Claims change", .change)],
                rows: items.prefix(limit).map { t in
                    let earlier = before[t.genericName]!.drugCost
                    return [.init(t.genericName, link: "\(page == "drugs" ? "" : "drugs.html")#\(drugAnchor[t.genericName]!)"),
                            .number(earlier), .number(t.drugCost), .number(t.yoyDrugCost), .number(t.yoyClaims)]
                }).html
        }
        return note + "\n" + table("Biggest risers in drug cost, \(year)", risers, none: "No drug's cost rose.") + "\n"
            + table("Biggest fallers in drug cost, \(year)", fallers, none: "No drug's cost fell.")
    }
}
