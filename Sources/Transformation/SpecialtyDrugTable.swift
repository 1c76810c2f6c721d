import Curated
import Columnar

/// `curated/specialty_drug`: the 10 generics with the most claims per year and specialty (ties
/// by generic name), with their cost and distinct prescribers, for the specialty and drug
/// pages. Prescribers without a type form their own specialty (null), as in
/// `specialty_summary`.
enum SpecialtyDrugTable {
    static let limit = 10

    static func build(_ r: Rollups, limit: Int = limit) -> CuratedTable {
        let agg = r.facts.typeGeneric, pres = r.prescribers, nT = pres.types.count + 1
        var partition = [Int32](), generic = [String](), claims = [Int64](), cost = [Int64]()
        for (k, key) in agg.keys.enumerated() {
            let parts = FactAggregates.key.unpack(key)
            partition.append(Int32(Int(parts[0]) * nT + Int(parts[1])))
            generic.append(r.drugs.generics[Int(parts[2])])
            guard case .int64(let c) = agg.value(group: k, aggregate: 0), case .decimal(let d) = agg.value(group: k, aggregate: 1) else {
                preconditionFailure("specialty-generic group \(k) without claims or cost")
            }
            claims.append(c)
            cost.append(d)
        }
        let top = Ranking.topK(limit, partitions: partition, by: [.int64(claims, descending: true), .string(generic)])
        var rows = [(year: Int32, type: String?, rank: Int32, k: Int)]()
        for (p, members) in top {
            let t = Int(p) % nT
            for (rank, k) in members.enumerated() {
                rows.append((pres.years[Int(p) / nT], t == 0 ? nil : pres.types[t - 1], Int32(rank + 1), Int(k)))
            }
        }
        let order = Sorting.permutation(count: rows.count, by: [.int32(rows.map { $0.year }), .string(rows.map { $0.type }), .int32(rows.map { $0.rank })])
        let sorted = order.map { rows[Int($0)] }
        return CuratedTable(name: "specialty_drug", schema: CuratedSchemas.specialtyDrug, columns: [
            Column.int32(sorted.map { $0.year }), Column.string(sorted.map { $0.type }), Column.int32(sorted.map { $0.rank }),
            Column.string(sorted.map { generic[$0.k] }), Column.int64(sorted.map { claims[$0.k] }), Column.decimal(sorted.map { cost[$0.k] }),
            Column.int64(sorted.map { r.typeGenericPrescribers[$0.k] }),
        ])
    }
}
