import Curated
/// `curated/kpi_year`: one row per data year; yoy against the previous year present.
enum KPIYearTable {
    static func build(_ r: Rollups) -> CuratedTable {
        var year = [Int32](), prescribers = [Int64](), drugs = [Int64](), claims = [Int64](), fills = [Double?](), days = [Int64?]()
        var cost = [Int64](), cpc = [Double?](), share = [Double?]()
        var yoyP = [Double?](), yoyC = [Double?](), yoyCost = [Double?](), yoyCPC = [Double?](), yoyShare = [Double?]()
        var prev: (prescribers: Int64, claims: Int64, cost: Int64, cpc: Double?, share: Double?)? = nil
        for y in r.years {
            let t = r.yearTotals[y]
            let costPerClaim = Measure.moneyRatio(t.cost, t.claims)
            let genericShare = Measure.ratio(t.genericClaims, t.claims)
            year.append(r.prescribers.years[y])
            prescribers.append(t.prescribers)
            drugs.append(t.drugs)
            claims.append(t.claims)
            fills.append(t.fillsSeen > 0 ? t.fills : nil)
            days.append(t.daysSeen > 0 ? t.days : nil)
            cost.append(t.cost)
            cpc.append(costPerClaim)
            share.append(genericShare)
            yoyP.append(Measure.change(t.prescribers, prev?.prescribers))
            yoyC.append(Measure.change(t.claims, prev?.claims))
            yoyCost.append(Measure.change(t.cost, prev?.cost))
            yoyCPC.append(Measure.change(costPerClaim, prev?.cpc))
            if let s = genericShare, let p = prev?.share { yoyShare.append(s - p) } else { yoyShare.append(nil) }
            prev = (t.prescribers, t.claims, t.cost, costPerClaim, genericShare)
        }
        return CuratedTable(name: "kpi_year", schema: CuratedSchemas.kpiYear, columns: [
            Column.int32(year), Column.int64(prescribers), Column.int64(drugs), Column.int64(claims), Column.double(fills), Column.int64(days),
            Column.decimal(cost), Column.double(cpc), Column.double(share), Column.double(yoyP), Column.double(yoyC), Column.double(yoyCost),
            Column.double(yoyCPC), Column.double(yoyShare),
        ])
    }
}
