import Columnar
import Lake

/// The one pass over `cleansed/prescriber_drug`: each row group is joined to the prescriber
/// and drug dimensions (hash probes) and folded into a worker's ``FactAggregates``.
struct FactPass {
    static let columns = ["year", "npi", "drug_id", "tot_clms", "tot_30day_fills", "tot_day_suply", "tot_drug_cst"]
    static let table = "cleansed/prescriber_drug"

    let prescribers: PrescriberDimension
    let drugs: DrugDimension

    /// Runs the pass on `workers` threads and returns the merged aggregates.
    func run(_ fact: LakeTable, workers: Int, progress: @Sendable (Int) -> Void = { _ in }) throws -> FactAggregates {
        try CleansedTable.require(fact, [("year", [.int32]), ("npi", [.int64]), ("drug_id", [.int32]), ("tot_clms", [.int64]),
                                         ("tot_30day_fills", [.double]), ("tot_day_suply", [.int64]), ("tot_drug_cst", [.decimal])])
        // The (year, state|type, generic) group key packs 16 + 20 + 28 bits.
        guard prescribers.years.count < 1 << 16, prescribers.states.count < 1 << 20, prescribers.types.count + 1 < 1 << 20,
              drugs.generics.count < 1 << 28 else {
            throw TransformError.badColumn(table: "cleansed/prescriber", column: "state, prescriber_type or year",
                                           problem: "has more distinct values than the transform's group keys hold")
        }
        let stream = try RowGroupStream(table: fact, columns: Self.columns)
        let n = max(1, workers)
        let (p, d, y) = (prescribers.count, drugs.count, prescribers.years.count)
        var partials = try stream.reduce(workers: n, initial: { _ in FactAggregates(prescribers: p, drugs: d, years: y) }) { agg, batch in
            try add(batch, to: &agg, source: fact.directory)
            progress(batch.rowCount)
        }
        var merged = partials.removeFirst()
        for w in partials.indices { try merged.merge(&partials[w]) }
        return merged
    }

    /// Folds one row group into `agg`.
    func add(_ batch: Batch, to agg: inout FactAggregates, source: String) throws {
        let c = batch.columns
        for k in [0, 1, 2, 3, 6] {
            if c[k].validity?.contains(false) == true {
                throw TransformError.unexpectedNull(table: Self.table, column: Self.columns[k], file: source, rowGroup: batch.index)
            }
        }
        let year = try ColumnAccess.int32(c[0])
        let npi = try ColumnAccess.int64(c[1])
        let drugID = try ColumnAccess.int32(c[2])
        let claims = try ColumnAccess.int64(c[3])
        let fills = try ColumnAccess.double(c[4])
        let fillsValid = c[4].validity
        let days = try ColumnAccess.int64(c[5])
        let daysValid = c[5].validity
        let cost = try ColumnAccess.cents(c[6])
        var magnitude: Int64 = 0, overflow = false
        let rows = batch.rowCount
        let drugCount = drugs.count
        let isGenericOf = drugs.isGeneric, genericOf = drugs.genericOf, stateOf = prescribers.state, typeOf = prescribers.type
        let key = FactAggregates.key
        var stateKeys = [UInt64](repeating: 0, count: rows)
        var typeKeys = [UInt64](repeating: 0, count: rows)
        agg.pairPrescriber.reserveCapacity(agg.pairPrescriber.count + rows)
        agg.pairDrug.reserveCapacity(agg.pairDrug.count + rows)
        var lastYear: Int32? = nil, y = 0
        var lastNPI: Int64? = nil, p: Int32 = -1
        var lastDrug: Int32? = nil, d: Int32 = -1
        for i in 0..<rows {
            if year[i] != lastYear {
                guard let yi = prescribers.yearIndex(year[i]) else {
                    throw TransformError.orphan(table: Self.table, key: "year \(year[i])", dimension: "cleansed/prescriber")
                }
                y = yi
                lastYear = year[i]
                lastNPI = nil
            }
            if npi[i] != lastNPI {
                p = prescribers.prescriber(year: y, npi: npi[i])
                guard p >= 0 else {
                    throw TransformError.orphan(table: Self.table, key: "year \(year[i]) npi \(npi[i])", dimension: "cleansed/prescriber")
                }
                lastNPI = npi[i]
            }
            if drugID[i] != lastDrug {
                d = drugs.index.row(Int64(drugID[i]))
                guard d >= 0 else {
                    throw TransformError.orphan(table: Self.table, key: "drug_id \(drugID[i])", dimension: "cleansed/drug")
                }
                lastDrug = drugID[i]
            }
            let pi = Int(p), di = Int(d)
            let generic = isGenericOf[di]
            agg.pClaims[pi] += claims[i]
            let (m, o) = magnitude.addingReportingOverflow(Int64(bitPattern: cost[i].magnitude))
            magnitude = m
            overflow = overflow || o || cost[i] == .min
            agg.pCost[pi] &+= cost[i]
            if generic { agg.pGenericClaims[pi] += claims[i] }
            agg.pRows[pi] += 1
            let yd = y * drugCount + di
            agg.dClaims[yd] += claims[i]
            agg.dCost[yd] &+= cost[i]
            if fillsValid?[i] ?? true { agg.dFills[yd] += fills[i]; agg.dFillsSeen[yd] += 1 }
            if daysValid?[i] ?? true { agg.dDays[yd] += days[i]; agg.dDaysSeen[yd] += 1 }
            agg.dRows[yd] += 1
            let g = UInt64(genericOf[di])
            stateKeys[i] = key.pack(UInt64(y), UInt64(stateOf[pi]), g)
            typeKeys[i] = key.pack(UInt64(y), UInt64(typeOf[pi] + 1), g)
            agg.pairPrescriber.append(p)
            agg.pairDrug.append(d)
        }
        if overflow { throw FactAggregates.costOverflow }
        agg.costMagnitude = try FactAggregates.checked(agg.costMagnitude, magnitude)
        try agg.stateGeneric.add(keys: stateKeys, columns: [c[3], c[6]])
        try agg.typeGeneric.add(keys: typeKeys, columns: [c[3], c[6]])
        agg.rows += rows
    }
}
