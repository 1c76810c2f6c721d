import Curated
import Foundation

/// `outliers.html`: prescribers far from their peers (same year, specialty and state) in the
/// latest year, from `curated/prescriber_outliers`, one section per specialty with the
/// `perSpecialty` farthest (largest |z|) listed; the download has every row.
extension SiteBuild {
    mutating func makeOutliers(year: Int) {
        let listing = input.outlierListing
        let rows = curated.outliers.filter { $0.year == year }
        let bySpecialty = Dictionary(grouping: rows, by: \.prescriberType)
        var registry = SlugRegistry()
        var sections = ""
        var contents: [String] = []
        for specialty in bySpecialty.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let all = bySpecialty[specialty]!.sorted(by: Self.fartherFirst)
            let shown = all.prefix(listing.perSpecialty)
            let id = "outliers-" + registry.slug(for: specialty)
            outlierAnchor[specialty] = id
            contents.append("<a href=\"#\(id)\">\(HTMLEscaping.escape(specialty))</a>")
            let prescribers = Set(all.map(\.npi)).count
            let note = shown.count < all.count
                ? "\(Format.count(all.count, "flag")) for \(Format.count(prescribers, "prescriber")); the \(shown.count) farthest from their peers are shown."
                : "\(Format.count(all.count, "flag")) for \(Format.count(prescribers, "prescriber"))."
            let table = outlierTable(caption: "\(specialty): prescribers far from their peers, \(year)", rows: shown, root: "")
            sections += "<section class=\"outlier-specialty\" id=\"\(id)\">\n<h3>\(HTMLEscaping.escape(specialty))</h3>\n"
            sections += "<p>\(HTMLEscaping.escape(note))</p>\n\(table.html)\n</section>\n"
        }
        let context: [String: Any] = [
            "year": String(year), "has_rows": !rows.isEmpty,
            "flag_count": Format.count(rows.count, "flag"),
            "prescriber_count": Format.count(Set(rows.map(\.npi)).count, "prescriber"),
            "specialty_count": Format.count(bySpecialty.count) + (bySpecialty.count == 1 ? " specialty" : " specialties"),
            "threshold": Format.decimal(listing.threshold, 1), "min_peers": Format.count(listing.minPeers),
            "min_claims": Format.count(listing.minClaims), "per_specialty": Format.count(listing.perSpecialty),
        ]
        var fragments: [String: Fragment] = [:]
        if !rows.isEmpty {
            fragments["contents"] = .html("<p class=\"outlier-contents\">" + contents.joined(separator: " · ") + "</p>")
            fragments["specialties"] = .html(sections)
        }
        pages.append(Page(path: "outliers.html", title: "Prescriber outliers", template: "outliers", section: "outliers",
                          context: context, fragments: fragments))
    }

    /// The listing's table, on the outliers page and (the farthest few) on a specialty's page.
    func outlierTable(caption: String, rows: some Collection<PrescriberOutlier>, root: String) -> HTMLTable {
        HTMLTable(
            caption: caption,
            columns: [.init("Prescriber"), .init("State"), .init("Measure"), .init("Cost per claim ($)", .dollars),
                      .init("Peers' median ($)", .dollars), .init("Brand share", .percent(1)), .init("Peers' median share", .percent(1)),
                      .init("Robust z", .decimal(1)), .init("Peers", .count), .init("Claims", .count)],
            rows: rows.map { o in
                let cost = o.metric == "cost_per_claim"
                return [.init(o.displayName), .init(o.state, link: stateLink(o.state, root: root)), .init(Self.measureName(o.metric)),
                        .number(cost ? o.value : nil), .number(cost ? o.peerMedian : nil),
                        .number(cost ? nil : o.value), .number(cost ? nil : o.peerMedian),
                        .number(o.robustZ), .number(o.peerCount), .number(o.claims)]
            })
    }

    /// Largest |z| first; ties by state, name, NPI, measure (a total order: same bytes every render).
    static func fartherFirst(_ a: PrescriberOutlier, _ b: PrescriberOutlier) -> Bool {
        let za = abs(a.robustZ), zb = abs(b.robustZ)
        if za != zb { return za > zb }
        if a.state != b.state { return Array(a.state.utf8).lexicographicallyPrecedes(Array(b.state.utf8)) }
        if a.displayName != b.displayName { return Array(a.displayName.utf8).lexicographicallyPrecedes(Array(b.displayName.utf8)) }
        if a.npi != b.npi { return a.npi < b.npi }
        return a.metric < b.metric
    }

    static func measureName(_ metric: String) -> String { ColumnLabels.column(metric) }
}
