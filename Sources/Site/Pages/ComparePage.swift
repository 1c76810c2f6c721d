import Charts

/// Two data years side by side: the national figures, the top drugs, every state, and the risers
/// and fallers with their minimum base. One page per pair of consecutive years, the latest pair
/// at `compare.html`, earlier pairs at `compare-2021-2022.html`.
extension SiteBuild {
    func comparePath(_ earlier: Int, _ later: Int) -> String {
        later == curated.latestYear ? "compare.html" : "compare-\(earlier)-\(later).html"
    }

    mutating func makeComparison(latest: Int) {
        let years = curated.years
        guard years.count > 1 else { return }
        let pairs = zip(years, years.dropFirst()).map { ($0, $1) }
        for (earlier, later) in pairs {
            let switcher = pairs.map { pair -> String in
                let label = "\(pair.0)–\(pair.1)"
                return pair == (earlier, later)
                    ? "<strong aria-current=\"page\">\(label)</strong>"
                    : "<a href=\"\(comparePath(pair.0, pair.1))\">\(label)</a>"
            }
            let yearLinks = "<nav class=\"year-switch\" aria-label=\"Years compared\">Years compared: "
                + switcher.joined(separator: " · ") + "</nav>"
            pages.append(Page(
                path: comparePath(earlier, later), title: "\(earlier) and \(later) compared", template: "compare", section: "trends",
                context: ["earlier": String(earlier), "later": String(later)],
                fragments: [
                    "year_switch": .html(pairs.count > 1 ? yearLinks : ""),
                    "national": .html(nationalComparison(earlier, later)),
                    "drugs": .html(drugComparison(earlier, later)),
                    "states": .html(stateComparison(earlier, later)),
                    "movers": .html(moversTable(year: later, page: "compare")),
                ]))
        }
    }

    private func nationalComparison(_ earlier: Int, _ later: Int) -> String {
        guard let a = curated.kpis.first(where: { $0.year == earlier }), let b = curated.kpis.first(where: { $0.year == later }) else {
            return "<p class=\"note\">The national figures of one of the two years are missing.</p>"
        }
        func change(_ x: Double, _ y: Double) -> Double? { x > 0 ? y / x - 1 : nil }
        // A row per year and a second table of changes: every column keeps one unit.
        let figures = HTMLTable(
            caption: "National figures, \(earlier) and \(later)",
            columns: [.init("Year"), .init("Prescribers", .count), .init("Claims", .count), .init("Drug cost ($)", .dollarsWhole),
                      .init("Cost per claim ($)", .dollars), .init("Generic claim share", .percent(1))],
            rows: [a, b].map { k in
                [.init(String(k.year)), .number(k.prescribers), .number(k.claims), .number(k.drugCost), .number(k.costPerClaim),
                 .number(k.genericClaimShare)]
            })
        let changes = HTMLTable(
            caption: "Change from \(earlier) to \(later)",
            columns: [.init("Years"), .init("Prescribers", .change), .init("Claims", .change), .init("Drug cost", .change),
                      .init("Cost per claim", .change), .init("Generic claim share", .points)],
            rows: [[.init("\(earlier)–\(later)"), .number(change(Double(a.prescribers), Double(b.prescribers))),
                    .number(change(Double(a.claims), Double(b.claims))), .number(change(a.drugCost, b.drugCost)),
                    .number(change(a.costPerClaim, b.costPerClaim)), .number(b.genericClaimShare - a.genericClaimShare)]])
        return figures.html + "\n" + changes.html
    }

    private func drugComparison(_ earlier: Int, _ later: Int) -> String {
        var before: [String: GenericSummary] = [:]
        for g in curated.generics where g.year == earlier { before[g.genericName] = g }
        let top = curated.generics.filter { $0.year == later }.sorted { $0.rankClaims < $1.rankClaims }.prefix(25)
        return HTMLTable(
            caption: "Top 25 drugs by claims in \(later), with \(earlier)",
            columns: [.init("Drug"), .init("Claims \(earlier)", .count), .init("Claims \(later)", .count), .init("Claims change", .change),
                      .init("Drug cost \(earlier) ($)", .money), .init("Drug cost \(later) ($)", .money), .init("Cost change", .change)],
            rows: top.map { g in
                let b = before[g.genericName]
                return [.init(g.genericName, link: drugAnchor[g.genericName].map { "\(yearPagePath("drugs", year: later))#\($0)" }),
                        .number(b?.claims), .number(g.claims), .number(b.map { Double(g.claims) / Double(max($0.claims, 1)) - 1 }),
                        .number(b?.drugCost), .number(g.drugCost), .number(b.flatMap { $0.drugCost > 0 ? g.drugCost / $0.drugCost - 1 : nil })]
            }).html
    }

    private func stateComparison(_ earlier: Int, _ later: Int) -> String {
        var before: [String: StateSummary] = [:]
        for s in curated.states where s.year == earlier { before[s.state] = s }
        let states = curated.states.filter { $0.year == later }.sorted { ($0.stateName, $0.state) < ($1.stateName, $1.state) }
        return HTMLTable(
            caption: "Every state in \(earlier) and \(later)",
            columns: [.init("State"), .init("Claims \(earlier)", .count), .init("Claims \(later)", .count), .init("Claims change", .change),
                      .init("Cost per claim \(earlier) ($)", .dollars), .init("Cost per claim \(later) ($)", .dollars),
                      .init("Generic share change", .points)],
            rows: states.map { s in
                let b = before[s.state]
                return [.init(s.stateName, link: stateLink(s.state, root: "")),
                        .number(b?.claims), .number(s.claims), .number(b.flatMap { $0.claims > 0 ? Double(s.claims) / Double($0.claims) - 1 : nil }),
                        .number(b?.costPerClaim), .number(s.costPerClaim), .number(b.map { s.genericClaimShare - $0.genericClaimShare })]
            }, filterable: true).html
    }
}
