import Curated

extension SiteBuild {
    /// The overview's sentences on spending, claims and the generic share, worded for what the
    /// lake holds: one data year gets plain statements (there is nothing to compare with), two or
    /// more a change against the previous year, three or more also the change over the whole span.
    /// Share changes are in percentage points.
    func yearOverYearSentences() -> [String] {
        let kpis = curated.kpis
        guard let latest = kpis.last else { return [] }
        let year = latest.year
        let share = Format.percent(latest.genericClaimShare)
        guard kpis.count > 1 else {
            return ["Drug cost was \(Format.money(latest.drugCost)) over \(Format.count(latest.claims)) claims in \(year), "
                    + "the only data year loaded.",
                    "\(share) of claims were for generic drugs."]
        }
        let previous = kpis[kpis.count - 2]
        var lines: [String] = []
        var cost = "Drug cost "
        if let change = latest.yoyDrugCost, change.isFinite {
            cost += "\(Format.movement(change)) from \(previous.year) to \(Format.money(latest.drugCost)) in \(year)"
        } else {
            cost += "was \(Format.money(latest.drugCost)) in \(year)"
        }
        if let change = latest.yoyClaims, change.isFinite {
            cost += "; claims \(Format.movement(change)), to \(Format.count(latest.claims))."
        } else {
            cost += ", over \(Format.count(latest.claims)) claims."
        }
        lines.append(cost)
        if let points = latest.yoyGenericClaimShare, points.isFinite {
            lines.append("\(share) of claims were for generic drugs, \(Format.points(points)) against \(previous.year).")
        } else {
            lines.append("\(share) of claims were for generic drugs.")
        }
        if kpis.count > 2, let first = kpis.first, first.drugCost > 0, first.claims > 0 {
            let costChange = latest.drugCost / first.drugCost - 1, claimsChange = Double(latest.claims) / Double(first.claims) - 1
            lines.append("Over the \(kpis.count) data years \(first.year)–\(year), drug cost \(Format.movement(costChange)) "
                         + "and claims \(Format.movement(claimsChange)); the generic share moved "
                         + "\(Format.points(latest.genericClaimShare - first.genericClaimShare)).")
        }
        return lines
    }
}
