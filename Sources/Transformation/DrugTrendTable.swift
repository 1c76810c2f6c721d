import Curated
import Columnar

/// `curated/drug_trend`: per generic name and year, claims and cost with the change against
/// the previous data year (null when the generic had no rows that year, or for the first year).
enum DrugTrendTable {
    static func build(_ r: Rollups) -> CuratedTable {
        let nG = r.genericCount
        var yg = [Int]()
        var previousYear = [Int: Int]()
        for (k, y) in r.years.enumerated() {
            if k > 0 { previousYear[y] = r.years[k - 1] }
            for g in 0..<nG where r.gRows[y * nG + g] > 0 { yg.append(y * nG + g) }
        }
        let name = yg.map { r.drugs.generics[$0 % nG] }
        let year = yg.map { r.prescribers.years[$0 / nG] }
        let order = Sorting.permutation(count: yg.count, by: [.string(name), .int32(year)])
        let sorted = order.map { yg[Int($0)] }
        var yoyClaims = [Double?](), yoyCost = [Double?]()
        for i in sorted {
            let y = i / nG, g = i % nG
            if let py = previousYear[y], r.gRows[py * nG + g] > 0 {
                yoyClaims.append(Measure.change(r.gClaims[i], r.gClaims[py * nG + g]))
                yoyCost.append(Measure.change(r.gCost[i], r.gCost[py * nG + g]))
            } else {
                yoyClaims.append(nil)
                yoyCost.append(nil)
            }
        }
        return CuratedTable(name: "drug_trend", schema: CuratedSchemas.drugTrend, columns: [
            Column.string(order.map { name[Int($0)] }), Column.int32(order.map { year[Int($0)] }),
            Column.int64(sorted.map { r.gClaims[$0] }), Column.decimal(sorted.map { r.gCost[$0] }),
            Column.double(yoyClaims), Column.double(yoyCost),
        ])
    }
}
