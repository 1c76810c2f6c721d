import Curated
import Columnar
import Dispatch
import RxCore

/// `curated/prescriber_summary`, `curated/top_prescribers_by_state` and
/// `curated/specialty_summary`: prescribers with rows that year, and their groupings.
enum PrescriberTables {
    /// Prescribers with rows, in (year, npi) order, and their ranks.
    struct Ranked {
        let p: [Int]
        let rankInState: [Int32]
        let rankInType: [Int32]
    }

    static func rank(_ r: Rollups) -> Ranked {
        let pres = r.prescribers, f = r.facts
        var ps = [Int](), yearIdx = [Int]()
        for y in r.years { for p in pres.yearStart[y]..<pres.yearStart[y + 1] where f.pRows[p] > 0 { ps.append(p); yearIdx.append(y) } }
        let nS = pres.states.count, nT = pres.types.count + 1
        let claims = ps.map { f.pClaims[$0] }
        let names = ps.map { pres.displayName[$0] as String? }
        let npi = ps.map { pres.npi[$0] }
        let keys: [SortKey] = [.int64(claims, descending: true), .string(names), .int64(npi)]
        let byState = zip(ps, yearIdx).map { p, y in Int32(y * nS + Int(pres.state[p])) }
        let byType = zip(ps, yearIdx).map { p, y in Int32(y * nT + Int(pres.type[p]) + 1) }
        // The two rankings are independent: one per core.
        let ranks = Locked<[[Int32]]>([[], []])
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let r = Ranking.rowNumbers(partitions: k == 0 ? byState : byType, by: keys)
            ranks.withLock { $0[k] = r }
        }
        let (inState, inType) = ranks.withLock { ($0[0], $0[1]) }
        return Ranked(p: ps, rankInState: inState, rankInType: inType)
    }

    static func summary(_ r: Rollups, _ ranked: Ranked) -> CuratedTable {
        let pres = r.prescribers, f = r.facts, ps = ranked.p
        return CuratedTable(name: "prescriber_summary", schema: CuratedSchemas.prescriberSummary, columns: [
            Column.int32(ps.map { pres.yearOf[$0] }), Column.int64(ps.map { pres.npi[$0] }), Column.string(ps.map { pres.displayName[$0] }),
            Column.string(ps.map { pres.states[Int(pres.state[$0])] }), Column.string(ps.map { typeName(pres, $0) }),
            Column.int64(ps.map { Int64(r.pDrugs[$0]) }), Column.int64(ps.map { f.pClaims[$0] }), Column.decimal(ps.map { f.pCost[$0] }),
            Column.double(ps.map { Measure.moneyRatio(f.pCost[$0], f.pClaims[$0]) }),
            Column.double(ps.map { Measure.ratio(f.pGenericClaims[$0], f.pClaims[$0]) }),
            Column.int32(ranked.rankInState), Column.int32(ranked.rankInType),
        ])
    }

    static func topByState(_ r: Rollups, _ ranked: Ranked, limit: Int32 = 5) -> CuratedTable {
        let pres = r.prescribers, f = r.facts
        let keep = ranked.p.indices.filter { ranked.rankInState[$0] <= limit }
        let year = keep.map { pres.yearOf[ranked.p[$0]] }
        let state = keep.map { pres.states[Int(pres.state[ranked.p[$0]])] }
        let rank = keep.map { ranked.rankInState[$0] }
        let order = Sorting.permutation(count: keep.count, by: [.int32(year), .string(state), .int32(rank)])
        let ps = order.map { ranked.p[keep[Int($0)]] }
        return CuratedTable(name: "top_prescribers_by_state", schema: CuratedSchemas.topPrescribersByState, columns: [
            Column.int32(order.map { year[Int($0)] }), Column.string(order.map { state[Int($0)] }), Column.int32(order.map { rank[Int($0)] }),
            Column.int64(ps.map { pres.npi[$0] }), Column.string(ps.map { pres.displayName[$0] }), Column.string(ps.map { typeName(pres, $0) }),
            Column.int64(ps.map { f.pClaims[$0] }), Column.decimal(ps.map { f.pCost[$0] }),
        ])
    }

    /// One row per year and prescriber_type (null type is its own group, sorted last), with
    /// the generic that has the most claims in it (ties by generic name).
    static func specialty(_ r: Rollups) -> CuratedTable {
        let pres = r.prescribers, f = r.facts, nT = pres.types.count + 1
        var index = [Int: Int]()
        var cells = [Int]()
        var prescribers = [Int64](), claims = [Int64](), generic = [Int64](), cost = [Int64]()
        for y in r.years {
            for p in pres.yearStart[y]..<pres.yearStart[y + 1] where f.pRows[p] > 0 {
                let cell = y * nT + Int(pres.type[p]) + 1
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
        // Top generic per cell from the (year, type, generic) aggregate.
        var best = [Int: (claims: Int64, name: String)]()
        let agg = f.typeGeneric
        for (k, key) in agg.keys.enumerated() {
            let parts = FactAggregates.key.unpack(key)
            let cell = Int(parts[0]) * nT + Int(parts[1])
            guard case .int64(let c) = agg.value(group: k, aggregate: 0) else { continue }
            let name = r.drugs.generics[Int(parts[2])]
            if let b = best[cell], b.claims > c || (b.claims == c && !Sorting.less(name, b.name)) { continue }
            best[cell] = (c, name)
        }
        let year = cells.map { pres.years[$0 / nT] }
        let type: [String?] = cells.map { $0 % nT == 0 ? nil : pres.types[$0 % nT - 1] }
        let order = Sorting.permutation(count: cells.count, by: [.int32(year), .string(type)]).map { Int($0) }
        return CuratedTable(name: "specialty_summary", schema: CuratedSchemas.specialtySummary, columns: [
            Column.int32(order.map { year[$0] }), Column.string(order.map { type[$0] }),
            Column.int64(order.map { prescribers[$0] }), Column.int64(order.map { claims[$0] }), Column.decimal(order.map { cost[$0] }),
            Column.double(order.map { Measure.moneyRatio(cost[$0], claims[$0]) }),
            Column.double(order.map { Measure.ratio(generic[$0], claims[$0]) }),
            Column.string(order.map { best[cells[$0]]!.name }),
        ])
    }

    private static func typeName(_ pres: PrescriberDimension, _ p: Int) -> String? {
        pres.type[p] < 0 ? nil : pres.types[Int(pres.type[p])]
    }
}
