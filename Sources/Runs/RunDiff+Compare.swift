import Lake
import Curated

extension RunDiff {
    /// Compares two run records and their curated snapshots (lake roots holding `curated/`).
    /// `limit` bounds every list (largest changes, added and removed keys, rank moves); `base`
    /// is the movers base a row needs in run A to be listed among the largest changes.
    public static func compare(_ ra: RunRecord, _ rb: RunRecord, snapshotA: String, snapshotB: String,
                               base: MoversBase = MoversBase(), listLimit: Int = 10) throws -> RunDiff {
        var diff = RunDiff(a: ra.runID, b: rb.runID, summary: DiffSummary(ra, rb), kpis: kpiChanges(ra, rb))
        let lakeA = Lake(root: snapshotA), lakeB = Lake(root: snapshotB)
        let namesA = Set((try? lakeA.tables(zone: "curated"))?.map(\.table) ?? []), namesB = Set((try? lakeB.tables(zone: "curated"))?.map(\.table) ?? [])
        for table in namesA.union(namesB).sorted() {
            let ta = namesA.contains(table) ? try TableRows.read(lakeA, zone: "curated", table: table) : nil
            let tb = namesB.contains(table) ? try TableRows.read(lakeB, zone: "curated", table: table) : nil
            if let change = schemaChange(table, ra, rb, ta, tb) { diff.schema.append(change) }
            diff.tables.append(EntityComparison(table: table, base: base, limit: listLimit).compare(ta, tb))
            if let ta, let tb { diff.rankLists += RankList.compare(table: table, ta, tb, limit: listLimit) }
        }
        for rule in Set(ra.ruleCounts.keys).union(rb.ruleCounts.keys).sorted() where ra.ruleCounts[rule] != rb.ruleCounts[rule] {
            diff.quality.append(CountChange(name: rule, a: ra.ruleCounts[rule], b: rb.ruleCounts[rule]))
        }
        let gatesA = Dictionary(ra.gates.map { ($0.name, $0.passed) }) { x, _ in x }
        let gatesB = Dictionary(rb.gates.map { ($0.name, $0.passed) }) { x, _ in x }
        for name in Set(gatesA.keys).union(gatesB.keys).sorted() where gatesA[name] != gatesB[name] {
            diff.gates.append(GateChange(name: name, a: gatesA[name], b: gatesB[name]))
        }
        return diff
    }

    /// Every KPI of every year that differs (the `yoy_` columns are left to the tables).
    static func kpiChanges(_ ra: RunRecord, _ rb: RunRecord) -> [KPIChange] {
        var out: [KPIChange] = []
        for year in Set(ra.kpis.map(\.year)).union(rb.kpis.map(\.year)).sorted() {
            let ka = ra.kpis.first { $0.year == year }?.values ?? [:], kb = rb.kpis.first { $0.year == year }?.values ?? [:]
            for name in Set(ka.keys).union(kb.keys).sorted() where !name.hasPrefix("yoy_") {
                let va = ka[name], vb = kb[name]
                guard va != vb else { continue }
                let points = Measure.of(name, table: "kpi_year").changesInPoints
                let change = va.flatMap { x in vb.map { $0 - x } }
                let relative = points ? nil : va.flatMap { x in x == 0 ? nil : vb.map { $0 / x - 1 } }
                out.append(KPIChange(year: year, name: name, a: va, b: vb, change: change, relative: relative))
            }
        }
        return out
    }

    static func schemaChange(_ table: String, _ ra: RunRecord, _ rb: RunRecord, _ ta: TableRows?, _ tb: TableRows?) -> SchemaChange? {
        let typesA = ra.tables[table].map { Dictionary(uniqueKeysWithValues: zip($0.columns, $0.types)) } ?? [:]
        let typesB = rb.tables[table].map { Dictionary(uniqueKeysWithValues: zip($0.columns, $0.types)) } ?? [:]
        let colsA = ta?.columns ?? [], colsB = tb?.columns ?? []
        let added = colsB.filter { !colsA.contains($0) }, removed = colsA.filter { !colsB.contains($0) }
        let retyped = colsA.filter { c in colsB.contains(c) && typesA[c] != nil && typesB[c] != nil && typesA[c] != typesB[c] }
            .map { "\($0): \(typesA[$0]!) → \(typesB[$0]!)" }
        guard ta == nil || tb == nil || !added.isEmpty || !removed.isEmpty || !retyped.isEmpty else { return nil }
        return SchemaChange(
            table: table, added: tb == nil ? [] : (ta == nil ? ["(new table)"] : added),
            removed: ta == nil ? [] : (tb == nil ? ["(table removed)"] : removed), retyped: retyped)
    }
}
