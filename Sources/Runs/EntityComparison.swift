import Curated

/// Compares one curated table of two runs row by row on its entity key (see `TableDiff`).
struct EntityComparison {
    /// The entity key of each curated table: top lists are keyed by who is in them, not by rank.
    static let keys: [String: [String]] = [
        "kpi_year": ["year"], "drug_summary": ["year", "generic_name", "brand_name"], "generic_summary": ["year", "generic_name"],
        "state_summary": ["year", "state"], "specialty_summary": ["year", "prescriber_type"], "prescriber_summary": ["year", "npi"],
        "top_prescribers_by_state": ["year", "state", "npi"], "state_drug": ["year", "state", "generic_name"],
        "state_specialty": ["year", "state", "prescriber_type"], "specialty_drug": ["year", "prescriber_type", "generic_name"],
        "drug_trend": ["generic_name", "year"], "prescriber_outliers": ["year", "npi", "metric"],
    ]

    let table: String
    let base: MoversBase
    let limit: Int

    func compare(_ a: TableRows?, _ b: TableRows?) -> TableDiff {
        let columns = a?.columns ?? b?.columns ?? []
        let key = Self.keys[table] ?? Array(columns.prefix(1))
        let impact = ["drug_cost", "claims"].first { columns.contains($0) }
        let hasBase = table != "kpi_year" && (columns.contains("claims") || columns.contains("drug_cost"))
        let ia = index(a, key), ib = index(b, key)
        var entities: [TableDiff.EntityChange] = []
        var changed = 0, belowBase = 0
        if let a, let b {
            let shared = a.columns.filter { b.column($0) != nil && !key.contains($0) && Measure.of($0, table: table) != .rank }
            for (k, ra) in ia {
                guard let rb = ib[k] else { continue }
                let rowA = a.row(ra), rowB = b.row(rb)
                let changes = shared.compactMap { column -> TableDiff.ValueChange? in
                    let va = DiffValue(rowA.value(column)), vb = DiffValue(rowB.value(column))
                    return va == vb ? nil : Self.change(column, va, vb, table: table)
                }
                guard !changes.isEmpty else { continue }
                changed += 1
                if hasBase, !qualifies(rowA) {
                    belowBase += 1
                    continue
                }
                let ordered = changes.enumerated().sorted {
                    (Self.priority($0.element.column, impact), $0.offset) < (Self.priority($1.element.column, impact), $1.offset)
                }.map(\.element)
                let size = impact.flatMap { c in changes.first { $0.column == c }?.change.map(abs) } ?? 0
                entities.append(.init(key: k, name: Self.name(rowB, key), impact: size, changes: ordered))
            }
        }
        entities.sort { $0.impact != $1.impact ? $0.impact > $1.impact : Self.before($0.key, $1.key) }
        let added = ib.keys.filter { ia[$0] == nil }.sorted(by: Self.before), removed = ia.keys.filter { ib[$0] == nil }.sorted(by: Self.before)
        return TableDiff(
            table: table, key: key, impactColumn: impact, base: hasBase ? base : nil, rowsA: a?.rows.count ?? 0, rowsB: b?.rows.count ?? 0,
            added: added.count, removed: removed.count, changed: changed, belowBase: belowBase,
            largestChanges: Array(entities.prefix(limit)), addedKeys: Array(added.prefix(limit)), removedKeys: Array(removed.prefix(limit)))
    }

    /// Claims and drug cost in run A at least the movers base (for the columns the table has).
    func qualifies(_ row: TableRows.Row) -> Bool {
        if let claims = row.double("claims"), claims < Double(base.minClaims) { return false }
        if let cost = row.double("drug_cost"), cost < base.minCost { return false }
        return true
    }

    func index(_ t: TableRows?, _ key: [String]) -> [[String]: Int] {
        guard let t else { return [:] }
        var map: [[String]: Int] = [:]
        for r in 0..<t.rows.count {
            let row = t.row(r)
            map[key.map { DiffValue(row.value($0)).keyText }] = r
        }
        return map
    }

    static func change(_ column: String, _ a: DiffValue, _ b: DiffValue, table: String) -> TableDiff.ValueChange {
        guard let x = a.number, let y = b.number else { return .init(column: column, a: a, b: b, change: nil, relative: nil) }
        let points = Measure.of(column, table: table).changesInPoints
        return .init(column: column, a: a, b: b, change: y - x, relative: points || x == 0 ? nil : y / x - 1)
    }

    /// Columns a reader looks at first: the impact column, then the headline measures, then the
    /// rest in table order.
    static func priority(_ column: String, _ impact: String?) -> Int {
        if column == impact { return 0 }
        return (DiffReport.headlineKPIs.firstIndex(of: column) ?? DiffReport.headlineKPIs.count) + 1
    }

    /// A prescriber's display name for keys holding an NPI.
    static func name(_ row: TableRows.Row, _ key: [String]) -> String? {
        key.contains("npi") ? row.string("display_name") : nil
    }

    /// Byte-wise order of keys: the same on every machine.
    static func before(_ x: [String], _ y: [String]) -> Bool {
        x.map { Array($0.utf8) }.lexicographicallyPrecedes(y.map { Array($0.utf8) }) { $0.lexicographicallyPrecedes($1) }
    }
}
