import Curated
import Columnar

/// `curated/drug_summary`: one row per year and drug (generic + brand) with rows that year.
enum DrugSummaryTable {
    static func build(_ r: Rollups) -> CuratedTable {
        let f = r.facts, drugs = r.drugs, nD = drugs.count
        var yd = [Int]()
        for y in r.years { for d in 0..<nD where f.dRows[y * nD + d] > 0 { yd.append(y * nD + d) } }
        let year = yd.map { r.prescribers.years[$0 / nD] }
        let generic = yd.map { drugs.generic[$0 % nD] }
        let brand = yd.map { drugs.brand[$0 % nD] }
        let claims = yd.map { f.dClaims[$0] }
        let cost = yd.map { f.dCost[$0] }
        let yearIdx = yd.map { Int32($0 / nD) }
        let rankClaims = Ranking.rowNumbers(partitions: yearIdx, by: [.int64(claims, descending: true), .string(generic), .string(brand)])
        let rankCost = Ranking.rowNumbers(partitions: yearIdx, by: [.int64(cost, descending: true), .string(generic), .string(brand)])
        let order = Sorting.permutation(count: yd.count, by: [.int32(year), .string(generic), .string(brand)])
        func pick<T>(_ a: [T]) -> [T] { order.map { a[Int($0)] } }
        let sorted = pick(yd)
        let days: [Int64?] = sorted.map { f.dDaysSeen[$0] > 0 ? f.dDays[$0] : nil }
        return CuratedTable(name: "drug_summary", schema: CuratedSchemas.drugSummary, columns: [
            Column.int32(pick(year)), Column.string(pick(generic)), Column.string(pick(brand)),
            Column.bool(sorted.map { drugs.isGeneric[$0 % nD] }),
            Column.int64(sorted.map { r.dPrescribers[$0] }),
            Column.int64(pick(claims)),
            Column.double(sorted.map { f.dFillsSeen[$0] > 0 ? f.dFills[$0] : nil } as [Double?]),
            Column.int64(days),
            Column.decimal(pick(cost)),
            Column.double(sorted.map { Measure.moneyRatio(f.dCost[$0], f.dClaims[$0]) }),
            Column.double(zip(sorted, days).map { i, d in d.flatMap { Measure.moneyRatio(f.dCost[i], $0) } }),
            Column.double(sorted.map { Measure.ratio(f.dClaims[$0], r.yearTotals[$0 / nD].claims) }),
            Column.double(sorted.map { Measure.ratio(f.dCost[$0], r.yearTotals[$0 / nD].cost) }),
            Column.int32(pick(rankClaims)), Column.int32(pick(rankCost)),
        ])
    }
}
