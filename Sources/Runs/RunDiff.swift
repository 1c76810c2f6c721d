import Foundation
import Lake
import Site

/// What changed between two runs: KPIs, every curated table by its key, rank moves in the top
/// lists, quality rule counts, gates and schemas. Stable (sorted) so its JSON can be scripted.
public struct RunDiff: Codable, Sendable, Equatable {
    public struct KPIChange: Codable, Sendable, Equatable {
        public var year: Int
        public var name: String
        public var a: Double?
        public var b: Double?
        public var change: Double?
        public var relative: Double?
    }
    public struct RowChange: Codable, Sendable, Equatable {
        public var key: String
        public var column: String
        public var a: String
        public var b: String
        public var relative: Double?
    }
    public struct TableDiff: Codable, Sendable, Equatable {
        public var table: String
        public var rowsA: Int
        public var rowsB: Int
        public var added: Int
        public var removed: Int
        public var changed: Int
        public var addedKeys: [String]
        public var removedKeys: [String]
        public var largestChanges: [RowChange]

        enum CodingKeys: String, CodingKey {
            case table, added, removed, changed
            case rowsA = "rows_a", rowsB = "rows_b", addedKeys = "added_keys", removedKeys = "removed_keys"
            case largestChanges = "largest_changes"
        }
    }
    public struct CountChange: Codable, Sendable, Equatable {
        public var name: String
        public var a: Int?
        public var b: Int?
    }
    public struct GateChange: Codable, Sendable, Equatable {
        public var name: String
        public var a: Bool?
        public var b: Bool?
    }
    public struct SchemaChange: Codable, Sendable, Equatable {
        public var table: String
        public var added: [String]
        public var removed: [String]
        public var retyped: [String]
    }

    public var a: String
    public var b: String
    public var kpis: [KPIChange]
    public var tables: [TableDiff]
    public var rankMoves: [String]
    public var quality: [CountChange]
    public var gates: [GateChange]
    public var schema: [SchemaChange]

    enum CodingKeys: String, CodingKey {
        case a, b, kpis, tables, quality, gates, schema
        case rankMoves = "rank_moves"
    }

    public var isEmpty: Bool {
        kpis.isEmpty && tables.allSatisfy { $0.added == 0 && $0.removed == 0 && $0.changed == 0 } && rankMoves.isEmpty
            && quality.isEmpty && gates.isEmpty && schema.isEmpty
    }

    /// The key columns of each curated table (docs/tables.md).
    public static let keys: [String: [String]] = [
        "kpi_year": ["year"], "drug_summary": ["year", "generic_name", "brand_name"], "generic_summary": ["year", "generic_name"],
        "state_summary": ["year", "state"], "specialty_summary": ["year", "prescriber_type"], "prescriber_summary": ["year", "npi"],
        "top_prescribers_by_state": ["year", "state", "rank"], "state_drug": ["year", "state", "rank"],
        "state_specialty": ["year", "state", "prescriber_type"], "drug_trend": ["generic_name", "year"],
        "prescriber_outliers": ["year", "npi", "metric"],
    ]

    /// Compares two run records and their curated snapshots (lake roots holding `curated/`).
    public static func compare(_ ra: RunRecord, _ rb: RunRecord, snapshotA: String, snapshotB: String, listLimit: Int = 10) throws -> RunDiff {
        var diff = RunDiff(a: ra.runID, b: rb.runID, kpis: [], tables: [], rankMoves: [], quality: [], gates: [], schema: [])
        // KPIs
        let years = Set(ra.kpis.map(\.year)).union(rb.kpis.map(\.year)).sorted()
        for year in years {
            let ka = ra.kpis.first { $0.year == year }?.values ?? [:], kb = rb.kpis.first { $0.year == year }?.values ?? [:]
            for name in Set(ka.keys).union(kb.keys).sorted() where !name.hasPrefix("yoy_") {
                let va = ka[name], vb = kb[name]
                guard va != vb else { continue }
                let change = (va != nil && vb != nil) ? vb! - va! : nil
                let relative = (va != nil && vb != nil && va! != 0) ? vb! / va! - 1 : nil
                diff.kpis.append(KPIChange(year: year, name: name, a: va, b: vb, change: change, relative: relative))
            }
        }
        // Tables and schemas
        let lakeA = Lake(root: snapshotA), lakeB = Lake(root: snapshotB)
        let namesA = Set((try? lakeA.tables(zone: "curated"))?.map(\.table) ?? []), namesB = Set((try? lakeB.tables(zone: "curated"))?.map(\.table) ?? [])
        for table in namesA.union(namesB).sorted() {
            let ta = namesA.contains(table) ? try TableRows.read(lakeA, zone: "curated", table: table) : nil
            let tb = namesB.contains(table) ? try TableRows.read(lakeB, zone: "curated", table: table) : nil
            let typesA = ra.tables[table].map { Dictionary(uniqueKeysWithValues: zip($0.columns, $0.types)) } ?? [:]
            let typesB = rb.tables[table].map { Dictionary(uniqueKeysWithValues: zip($0.columns, $0.types)) } ?? [:]
            let colsA = ta?.columns ?? [], colsB = tb?.columns ?? []
            let added = colsB.filter { !colsA.contains($0) }, removed = colsA.filter { !colsB.contains($0) }
            let retyped = colsA.filter { c in colsB.contains(c) && typesA[c] != nil && typesB[c] != nil && typesA[c] != typesB[c] }
                .map { "\($0): \(typesA[$0]!) → \(typesB[$0]!)" }
            if ta == nil || tb == nil || !added.isEmpty || !removed.isEmpty || !retyped.isEmpty {
                diff.schema.append(SchemaChange(
                    table: table, added: tb == nil ? [] : (ta == nil ? ["(new table)"] : added),
                    removed: ta == nil ? [] : (tb == nil ? ["(table removed)"] : removed), retyped: retyped))
            }
            diff.tables.append(tableDiff(table, ta, tb, keyColumns: keys[table] ?? Array(colsA.prefix(1)), limit: listLimit))
        }
        diff.rankMoves = rankMoves(lakeA, lakeB, limit: listLimit)
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

    static func text(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .string(let s): return s
        case .double(let d): return DiffFormat.number(d)
        default: return "\(v)"
        }
    }

    static func number(_ v: Value) -> Double? {
        switch v {
        case .int32(let x): return Double(x)
        case .int64(let x): return Double(x)
        case .double(let x): return x
        case .decimal(let cents): return Cents.double(cents)
        default: return nil
        }
    }

    static func tableDiff(_ table: String, _ a: TableRows?, _ b: TableRows?, keyColumns: [String], limit: Int) -> TableDiff {
        func index(_ t: TableRows?) -> [String: Int] {
            guard let t else { return [:] }
            let keyIdx = keyColumns.compactMap { t.column($0) }
            var map: [String: Int] = [:]
            for (r, row) in t.rows.enumerated() { map[keyIdx.map { text(row[$0]) }.joined(separator: " / ")] = r }
            return map
        }
        let ia = index(a), ib = index(b)
        let addedKeys = ib.keys.filter { ia[$0] == nil }.sorted(), removedKeys = ia.keys.filter { ib[$0] == nil }.sorted()
        var changes: [(RowChange, Double)] = []
        var changedRows = 0
        if let a, let b {
            let shared = a.columns.filter { b.column($0) != nil && !keyColumns.contains($0) }
            for key in ia.keys.sorted() {
                guard let rb = ib[key] else { continue }
                let rowA = a.rows[ia[key]!], rowB = b.rows[rb]
                var rowChanged = false
                for column in shared {
                    let va = rowA[a.column(column)!], vb = rowB[b.column(column)!]
                    guard va != vb else { continue }
                    rowChanged = true
                    let na = number(va), nb = number(vb)
                    let relative = (na != nil && nb != nil && na! != 0) ? nb! / na! - 1 : nil
                    let weight = relative.map(abs) ?? .infinity
                    changes.append((RowChange(key: key, column: column, a: text(va), b: text(vb), relative: relative), weight))
                }
                if rowChanged { changedRows += 1 }
            }
        }
        changes.sort { ($0.1, $1.0.key, $1.0.column) > ($1.1, $0.0.key, $0.0.column) }
        return TableDiff(
            table: table, rowsA: a?.rows.count ?? 0, rowsB: b?.rows.count ?? 0, added: addedKeys.count, removed: removedKeys.count,
            changed: changedRows, addedKeys: Array(addedKeys.prefix(limit)), removedKeys: Array(removedKeys.prefix(limit)),
            largestChanges: changes.prefix(limit).map(\.0))
    }

    /// "Apixaban rose from #4 to #2 by cost" for the top drugs of the latest year both runs share.
    static func rankMoves(_ a: Lake, _ b: Lake, limit: Int) -> [String] {
        guard let ga = try? TableRows.read(a, zone: "curated", table: "generic_summary"),
            let gb = try? TableRows.read(b, zone: "curated", table: "generic_summary")
        else { return [] }
        let yearsA = Set(ga.allRows.compactMap { $0.int("year") }), yearsB = Set(gb.allRows.compactMap { $0.int("year") })
        guard let year = yearsA.intersection(yearsB).max() else { return [] }
        var moves: [String] = []
        for (column, label) in [("rank_claims", "claims"), ("rank_cost", "cost")] {
            var before: [String: Int] = [:]
            for r in ga.allRows where r.int("year") == year { before[r.string("generic_name") ?? ""] = r.int(column) }
            let after = gb.allRows.filter { $0.int("year") == year }.compactMap { r -> (String, Int)? in
                guard let name = r.string("generic_name"), let rank = r.int(column) else { return nil }
                return (name, rank)
            }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            for (name, rank) in after.prefix(limit) {
                guard let old = before[name] else {
                    moves.append("\(name) entered at #\(rank) by \(label) (\(year))")
                    continue
                }
                if old != rank {
                    moves.append("\(name) \(rank < old ? "rose" : "fell") from #\(old) to #\(rank) by \(label) (\(year))")
                }
            }
        }
        return moves
    }
}
