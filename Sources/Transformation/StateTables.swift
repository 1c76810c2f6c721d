import Curated
import Columnar

/// `curated/state_summary` and `curated/state_drug`: prescribers grouped by the state of
/// their cleansed/prescriber row that year.
enum StateTables {
    static func summary(_ r: Rollups, states: StateDimension) -> CuratedTable {
        let pres = r.prescribers, f = r.facts, nS = pres.states.count
        var index = [Int: Int]()
        var cells = [Int]()
        var prescribers = [Int64](), claims = [Int64](), generic = [Int64](), cost = [Int64]()
        for y in r.years {
            for p in pres.yearStart[y]..<pres.yearStart[y + 1] where f.pRows[p] > 0 {
                let cell = y * nS + Int(pres.state[p])
                let k: Int
                if let found = index[cell] { k = found } else {
                    k = cells.count
                    index[cell] = k
                    cells.append(cell)
                    prescribers.append(0); claims.append(0); generic.append(0); cost.append(0)
                }
                prescribers[k] += 1
                claims[k] += f.pClaims[p]
                generic[k] += f.pGenericClaims[p]
                cost[k] &+= f.pCost[p]
            }
        }
        let year = cells.map { pres.years[$0 / nS] }
        let code = cells.map { pres.states[$0 % nS] }
        let order = Sorting.permutation(count: cells.count, by: [.int32(year), .string(code)])
        let o = order.map { Int($0) }
        let entries = o.map { states.entry(code[$0]) }
        let population: [Int64?] = entries.map { $0?.population }
        return CuratedTable(name: "state_summary", schema: CuratedSchemas.stateSummary, columns: [
            Column.int32(o.map { year[$0] }), Column.string(o.map { code[$0] }), Column.string(entries.map { $0?.name }),
            Column.int64(o.map { prescribers[$0] }), Column.int64(o.map { claims[$0] }), Column.decimal(o.map { cost[$0] }),
            Column.double(o.map { Measure.moneyRatio(cost[$0], claims[$0]) }),
            Column.double(o.map { Measure.ratio(claims[$0], prescribers[$0]) }),
            Column.double(o.map { Measure.ratio(generic[$0], claims[$0]) }),
            Column.int64(population),
            Column.double(zip(o, population).map { k, pop in pop.flatMap { Measure.ratio(Double(claims[k]) * 1000, $0) } }),
            Column.double(zip(o, population).map { k, pop in pop.flatMap { Measure.moneyRatio(cost[k], $0) } }),
        ])
    }

    /// The 25 generics with the most claims per year and state (ties by generic name).
    static func topDrugs(_ r: Rollups, limit: Int = 25) -> CuratedTable {
        let agg = r.facts.stateGeneric, pres = r.prescribers, nS = pres.states.count
        var partition = [Int32](), generic = [String](), claims = [Int64](), cost = [Int64]()
        for (k, key) in agg.keys.enumerated() {
            let parts = FactAggregates.key.unpack(key)
            partition.append(Int32(Int(parts[0]) * nS + Int(parts[1])))
            generic.append(r.drugs.generics[Int(parts[2])])
            guard case .int64(let c) = agg.value(group: k, aggregate: 0), case .decimal(let d) = agg.value(group: k, aggregate: 1) else {
                preconditionFailure("state-generic group \(k) without claims or cost")
            }
            claims.append(c)
            cost.append(d)
        }
        let top = Ranking.topK(limit, partitions: partition, by: [.int64(claims, descending: true), .string(generic)])
        var rows = [(year: Int32, state: String, rank: Int32, k: Int)]()
        for (p, members) in top {
            for (rank, k) in members.enumerated() {
                rows.append((pres.years[Int(p) / nS], pres.states[Int(p) % nS], Int32(rank + 1), Int(k)))
            }
        }
        let order = Sorting.permutation(count: rows.count, by: [.int32(rows.map { $0.year }), .string(rows.map { $0.state }), .int32(rows.map { $0.rank })])
        let sorted = order.map { rows[Int($0)] }
        return CuratedTable(name: "state_drug", schema: CuratedSchemas.stateDrug, columns: [
            Column.int32(sorted.map { $0.year }), Column.string(sorted.map { $0.state }), Column.int32(sorted.map { $0.rank }),
            Column.string(sorted.map { generic[$0.k] }), Column.int64(sorted.map { claims[$0.k] }), Column.decimal(sorted.map { cost[$0.k] }),
            Column.int64(sorted.map { r.stateGenericPrescribers[$0.k] }),
        ])
    }
}
