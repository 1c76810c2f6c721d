import Curated
import Columnar

/// `curated/state_specialty`: prescribers, claims and cost per year, state and specialty, for
/// the state pages (prescribers counted once, by their cleansed/prescriber row that year).
enum StateSpecialtyTable {
    static func build(_ r: Rollups) -> CuratedTable {
        let pres = r.prescribers, f = r.facts, nT = pres.types.count + 1, nS = pres.states.count
        var index = [Int: Int]()
        var cells = [Int]()
        var prescribers = [Int64](), claims = [Int64](), cost = [Int64]()
        for y in r.years {
            for p in pres.yearStart[y]..<pres.yearStart[y + 1] where f.pRows[p] > 0 {
                let cell = (y * nS + Int(pres.state[p])) * nT + Int(pres.type[p]) + 1
                let k: Int
                if let found = index[cell] { k = found } else {
                    k = cells.count
                    index[cell] = k
                    cells.append(cell)
                    prescribers.append(0); claims.append(0); cost.append(0)
                }
                prescribers[k] += 1
                claims[k] += f.pClaims[p]
                cost[k] &+= f.pCost[p]
            }
        }
        let year = cells.map { pres.years[$0 / nT / nS] }
        let state = cells.map { pres.states[($0 / nT) % nS] }
        let type: [String?] = cells.map { $0 % nT == 0 ? nil : pres.types[$0 % nT - 1] }
        let order = Sorting.permutation(count: cells.count, by: [.int32(year), .string(state), .string(type)]).map { Int($0) }
        return CuratedTable(name: "state_specialty", schema: CuratedSchemas.stateSpecialty, columns: [
            Column.int32(order.map { year[$0] }), Column.string(order.map { state[$0] }), Column.string(order.map { type[$0] }),
            Column.int64(order.map { prescribers[$0] }), Column.int64(order.map { claims[$0] }), Column.decimal(order.map { cost[$0] }),
        ])
    }
}
