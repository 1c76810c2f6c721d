import Charts
import Foundation

/// Every data year, not only the latest: the drugs, prescribers and geography pages of each
/// earlier year as pages of their own (`drugs-2021.html`), made by the same builders, and a
/// year switch on every version. Static pages, so the switch works from `file://`.
extension SiteBuild {
    /// Pages whose earlier years get their own version, and the builder of each.
    static let yearPageKinds: [(base: String, build: @Sendable (inout SiteBuild, Int) -> Void)] = [
        ("drugs", { $0.makeDrugs(year: $1) }),
        ("prescribers", { $0.makePrescribers(year: $1) }),
        ("geography", { $0.makeGeography(year: $1) }),
    ]

    /// The page of `base` for `year` (the latest year keeps the plain name).
    func yearPagePath(_ base: String, year: Int) -> String {
        year == curated.latestYear ? "\(base).html" : "\(base)-\(year).html"
    }

    /// Builds the earlier years' pages and puts a year switch on every version (the latest's
    /// included). One data year: nothing to add, no switch.
    mutating func makeEarlierYears(latest: Int) {
        let years = curated.years
        guard years.count > 1 else { return }
        for (base, build) in Self.yearPageKinds {
            for year in years where year != latest {
                var variant = SiteBuild(input: input)
                variant.stateSlugs = stateSlugs
                variant.drugAnchor = drugAnchor
                variant.specialtyAnchor = specialtyAnchor
                build(&variant, year)
                let suffix = "-\(year)"
                var renamed: [String: String] = [:]
                for job in variant.charts {
                    renamed[job.name] = job.name + suffix
                    charts.append(ChartJob(name: job.name + suffix, chart: job.chart))
                }
                for var page in variant.pages where page.path == "\(base).html" {
                    page.path = yearPagePath(base, year: year)
                    page.title += ", \(year)"
                    // Links into the year's pages (a drug's row, a specialty's) point at that year's version.
                    let links = Dictionary(uniqueKeysWithValues: Self.yearPageKinds.map {
                        ("href=\"\($0.base).html#", "href=\"\(yearPagePath($0.base, year: year))#")
                    })
                    page.fragments = page.fragments.mapValues { $0.renamingCharts(renamed).rewritingLinks(links) }
                    pages.append(page)
                }
                // Search entries and downloads stay those of the latest year.
            }
            for i in pages.indices {
                guard let year = Int(pages[i].context["year"] as? String ?? ""),
                      pages[i].path == yearPagePath(base, year: year) else { continue }
                pages[i].fragments["year_switch"] = .html(yearSwitch(base, current: year))
            }
        }
    }

    /// "Data year: 2021 · 2022 · 2023" with the shown year marked as the current page.
    func yearSwitch(_ base: String, current: Int) -> String {
        let links = curated.years.map { year -> String in
            year == current
                ? "<strong aria-current=\"page\">\(year)</strong>"
                : "<a href=\"\(yearPagePath(base, year: year))\">\(year)</a>"
        }
        return "<nav class=\"year-switch\" aria-label=\"Data year\">Data year: " + links.joined(separator: " · ") + "</nav>"
    }
}

extension Fragment {
    /// HTML fragments with each link prefix of `links` replaced (`href="drugs.html#` →
    /// `href="drugs-2021.html#`).
    func rewritingLinks(_ links: [String: String]) -> Fragment {
        switch self {
        case .html(var html):
            for (from, to) in links where html.contains(from) { html = html.replacingOccurrences(of: from, with: to) }
            return .html(html)
        case .sequence(let parts): return .sequence(parts.map { $0.rewritingLinks(links) })
        case .chart, .locator, .kpis: return self
        }
    }

    /// The fragment with chart names replaced (`drugs-top-claims` → `drugs-top-claims-2021`).
    func renamingCharts(_ names: [String: String]) -> Fragment {
        switch self {
        case .chart(let name, let definition): return .chart(names[name] ?? name, definition: definition)
        case .locator(let name, let postal, let stateName): return .locator(names[name] ?? name, postal: postal, stateName: stateName)
        case .sequence(let parts): return .sequence(parts.map { $0.renamingCharts(names) })
        case .html, .kpis: return self
        }
    }
}
