import Charts
import Curated
import Foundation

extension SiteBuild {
    mutating func makePrescribers(year: Int) {
        let specialties = curated.specialties.filter { $0.year == year }
            .sorted { ($0.claims, $1.prescriberType) > ($1.claims, $0.prescriberType) }
        let source = "CMS Medicare Part D Prescribers by Provider and Drug, \(year)"
        chart("prescribers-specialty-claims", BarChart(
            caption: ChartCaption(title: "Claims by prescriber specialty, \(year)", subtitle: "The 15 specialties with the most claims", source: source),
            bars: specialties.prefix(15).map { .init($0.prescriberType, Double($0.claims)) }, format: .compact,
            valueAxisTitle: "Claims", categoryHeading: "Specialty", valueHeading: "Claims"))

        let volume = curated.volumes.first { $0.year == year }?.claims ?? []
        if !volume.isEmpty {
            chart("prescribers-volume", Histogram(
                caption: ChartCaption(title: "Prescribers by number of claims, \(year)", subtitle: "Log scale: each bar spans a factor of the same size", source: source),
                bins: Self.logBins(volume), xScale: .logarithmic, xFormat: .compact, countFormat: .compact,
                xAxisTitle: "Claims per prescriber", yAxisTitle: "Prescribers"))
        }

        let specialtyTable = HTMLTable(
            caption: "Prescriber specialties, \(year)",
            columns: [.init("Specialty"), .init("Prescribers", .count), .init("Claims", .count),
                      .init("Drug cost ($)", .dollarsWhole), .init("Cost per claim ($)", .dollars),
                      .init("Generic claim share", .percent(1)), .init("Most prescribed drug")],
            rows: specialties.map { s in
                let anchor = specialtyAnchor[s.prescriberType]!
                return [.init(s.prescriberType, link: specialtyPage[s.prescriberType], anchor: anchor), .number(s.prescribers), .number(s.claims),
                        .number(s.drugCost), .number(s.costPerClaim), .number(s.genericClaimShare),
                        .init(s.topGenericName, link: drugLink(s.topGenericName, root: ""))]
            }, filterable: true)
        for s in specialties {
            if specialtyPage[s.prescriberType] == nil {
                search.append(SearchEntry(title: s.prescriberType, kind: "specialty", url: "prescribers.html#\(specialtyAnchor[s.prescriberType]!)"))
            }
        }

        let top = curated.topPrescribers.filter { $0.year == year }.sorted { ($0.state, $0.rank) < ($1.state, $1.rank) }
        var rows: [[HTMLTable.Cell]] = []
        for p in top {
            let anchor = "prescriber-\(Slug.make(p.state))-\(p.rank)"
            search.append(SearchEntry(title: p.displayName, kind: "prescriber", url: "prescribers.html#\(anchor)"))
            rows.append([
                .init(p.state, link: stateLink(p.state, root: "")), .number(p.rank),
                .init(p.displayName, anchor: anchor), .init(p.prescriberType, link: specialtyLink(p.prescriberType, root: "")),
                .number(p.claims), .number(p.drugCost),
            ])
        }
        let topTable = HTMLTable(
            caption: "Top 5 prescribers by claims in each state, \(year)",
            columns: [.init("State"), .init("Rank", .count), .init("Prescriber"), .init("Specialty"),
                      .init("Claims", .count), .init("Drug cost ($)", .dollarsWhole)],
            rows: rows, filterable: true)

        let median = volume.isEmpty ? 0 : volume[volume.count / 2]
        let context: [String: Any] = [
            "year": String(year), "specialty_count": Format.count(specialties.count),
            "prescriber_count": Format.count(volume.count), "median_claims": Format.count(median),
            "has_volume": !volume.isEmpty,
        ]
        var fragments: [String: Fragment] = [
            "specialty_chart": .chart("prescribers-specialty-claims", definition: "claims"),
            "specialties": .html(specialtyTable.html), "top": .html(topTable.html),
        ]
        if !volume.isEmpty { fragments["volume"] = .chart("prescribers-volume", definition: "prescribers") }
        pages.append(Page(path: "prescribers.html", title: "Prescribers", template: "prescribers", section: "prescribers",
                          context: context, fragments: fragments))
    }

    /// Log-spaced bins over positive values (claims start at 11, so all are positive).
    static func logBins(_ sorted: [Double], bins: Int = 24) -> [Histogram.Bin] {
        let positive = sorted.filter { $0 > 0 }
        guard let lo = positive.first, let hi = positive.last else { return [] }
        if lo == hi { return [Histogram.Bin(lower: lo, upper: lo * 1.01, count: Double(positive.count))] }
        let a = log10(lo), b = log10(hi)
        let width = (b - a) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for v in positive {
            let i = min(bins - 1, max(0, Int((log10(v) - a) / width)))
            counts[i] += 1
        }
        return (0..<bins).map { i in
            Histogram.Bin(lower: pow(10, a + Double(i) * width), upper: pow(10, a + Double(i + 1) * width), count: counts[i])
        }
    }
}
