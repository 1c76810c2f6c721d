import Columnar

/// The aggregates of the fact pass rolled up to the grains the curated tables publish:
/// distinct counts from the (prescriber, drug) pairs, generic-year and year totals.
struct Rollups {
    let prescribers: PrescriberDimension
    let drugs: DrugDimension
    let facts: FactAggregates
    /// Year indices that have fact rows, ascending.
    let years: [Int]
    /// Distinct drugs per prescriber.
    let pDrugs: [Int32]
    /// Distinct prescribers per drug-year (y * drugCount + d).
    let dPrescribers: [Int64]
    /// Per generic-year (y * genericCount + g).
    let gClaims: [Int64], gCost: [Int64], gGenericClaims: [Int64], gBrands: [Int64], gPrescribers: [Int64], gRows: [Int64]
    /// Distinct prescribers per `facts.stateGeneric` group.
    let stateGenericPrescribers: [Int64]
    /// Distinct prescribers per `facts.typeGeneric` group.
    let typeGenericPrescribers: [Int64]
    let yearTotals: [YearTotals]

    struct YearTotals {
        var prescribers: Int64 = 0, drugs: Int64 = 0, claims: Int64 = 0, genericClaims: Int64 = 0, cost: Int64 = 0
        var fills = 0.0, fillsSeen = 0, days: Int64 = 0, daysSeen = 0
    }

    var genericCount: Int { drugs.generics.count }

    init(prescribers: PrescriberDimension, drugs: DrugDimension, facts: consuming FactAggregates) {
        self.prescribers = prescribers
        self.drugs = drugs
        let nY = prescribers.years.count, nD = drugs.count, nG = drugs.generics.count
        let pairs = DistinctPairs(groups: facts.pairPrescriber, values: facts.pairDrug, groupCount: prescribers.count)
        facts.pairPrescriber = []
        facts.pairDrug = []
        var pDrugs = [Int32](repeating: 0, count: prescribers.count)
        var dPresc = [Int64](repeating: 0, count: nY * nD)
        var gPresc = [Int64](repeating: 0, count: nY * nG)
        var sgPresc = [Int64](repeating: 0, count: facts.stateGeneric.groupCount)
        var tgPresc = [Int64](repeating: 0, count: facts.typeGeneric.groupCount)
        var generics = [Int32]()
        for y in 0..<nY {
            for p in prescribers.yearStart[y]..<prescribers.yearStart[y + 1] where facts.pRows[p] > 0 {
                let ds = pairs.values(of: p)
                pDrugs[p] = Int32(ds.count)
                generics.removeAll(keepingCapacity: true)
                for d in ds {
                    dPresc[y * nD + Int(d)] += 1
                    generics.append(drugs.genericOf[Int(d)])
                }
                generics.sort()
                var last: Int32 = -1
                for g in generics where g != last {
                    last = g
                    gPresc[y * nG + Int(g)] += 1
                    let key = FactAggregates.key.pack(UInt64(y), UInt64(prescribers.state[p]), UInt64(g))
                    sgPresc[Int(facts.stateGeneric.groups.find(key)!)] += 1
                    let typeKey = FactAggregates.key.pack(UInt64(y), UInt64(prescribers.type[p] + 1), UInt64(g))
                    tgPresc[Int(facts.typeGeneric.groups.find(typeKey)!)] += 1
                }
            }
        }
        var gClaims = [Int64](repeating: 0, count: nY * nG), gCost = [Int64](repeating: 0, count: nY * nG)
        var gGeneric = [Int64](repeating: 0, count: nY * nG), gBrands = [Int64](repeating: 0, count: nY * nG)
        var gRows = [Int64](repeating: 0, count: nY * nG)
        var totals = [YearTotals](repeating: YearTotals(), count: nY)
        for y in 0..<nY {
            for d in 0..<nD {
                let yd = y * nD + d
                guard facts.dRows[yd] > 0 else { continue }
                let yg = y * nG + Int(drugs.genericOf[d])
                gClaims[yg] += facts.dClaims[yd]
                gCost[yg] &+= facts.dCost[yd]
                gBrands[yg] += 1
                gRows[yg] += Int64(facts.dRows[yd])
                totals[y].drugs += 1
                totals[y].claims += facts.dClaims[yd]
                totals[y].cost &+= facts.dCost[yd]
                totals[y].fills += facts.dFills[yd]
                totals[y].fillsSeen += Int(facts.dFillsSeen[yd])
                totals[y].days += facts.dDays[yd]
                totals[y].daysSeen += Int(facts.dDaysSeen[yd])
                if drugs.isGeneric[d] {
                    gGeneric[yg] += facts.dClaims[yd]
                    totals[y].genericClaims += facts.dClaims[yd]
                }
            }
            for p in prescribers.yearStart[y]..<prescribers.yearStart[y + 1] where facts.pRows[p] > 0 { totals[y].prescribers += 1 }
        }
        years = (0..<nY).filter { totals[$0].drugs > 0 }
        self.facts = facts
        self.pDrugs = pDrugs
        dPrescribers = dPresc
        self.gClaims = gClaims
        self.gCost = gCost
        gGenericClaims = gGeneric
        self.gBrands = gBrands
        gPrescribers = gPresc
        self.gRows = gRows
        stateGenericPrescribers = sgPresc
        typeGenericPrescribers = tgPresc
        yearTotals = totals
    }

    /// The year index of prescriber p.
    func year(of p: Int) -> Int {
        var lo = 0, hi = prescribers.years.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if prescribers.yearStart[mid] <= p { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
