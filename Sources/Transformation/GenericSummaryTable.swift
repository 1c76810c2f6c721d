import Curated
import Columnar

/// `curated/generic_summary`: one row per year and generic name.
enum GenericSummaryTable {
    static func build(_ r: Rollups) -> CuratedTable {
        let nG = r.genericCount
        var yg = [Int]()
        for y in r.years { for g in 0..<nG where r.gRows[y * nG + g] > 0 { yg.append(y * nG + g) } }
        let year = yg.map { r.prescribers.years[$0 / nG] }
        let name = yg.map { r.drugs.generics[$0 % nG] }
        let claims = yg.map { r.gClaims[$0] }
        let cost = yg.map { r.gCost[$0] }
        let yearIdx = yg.map { Int32($0 / nG) }
        let rankClaims = Ranking.rowNumbers(partitions: yearIdx, by: [.int64(claims, descending: true), .string(name)])
        let rankCost = Ranking.rowNumbers(partitions: yearIdx, by: [.int64(cost, descending: true), .string(name)])
        let order = Sorting.permutation(count: yg.count, by: [.int32(year), .string(name)])
        func pick<T>(_ a: [T]) -> [T] { order.map { a[Int($0)] } }
        let sorted = pick(yg)
        return CuratedTable(name: "generic_summary", schema: CuratedSchemas.genericSummary, columns: [
            Column.int32(pick(year)), Column.string(pick(name)),
            Column.int64(sorted.map { r.gBrands[$0] }), Column.int64(sorted.map { r.gPrescribers[$0] }),
            Column.int64(pick(claims)), Column.decimal(pick(cost)),
            Column.double(sorted.map { Measure.ratio(r.gGenericClaims[$0], r.gClaims[$0]) }),
            Column.int32(pick(rankClaims)), Column.int32(pick(rankCost)),
        ])
    }
}
