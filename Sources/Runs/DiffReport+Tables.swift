import Charts
import Curated
import RxCore

extension DiffReport {
    /// A changed table: its row counts, the largest changes by entity, rows added and removed.
    func tableSection(_ t: TableDiff, into doc: inout DiffDocument) {
        doc.add(.heading("\(ColumnLabels.table(t.table)) (\(t.table))"))
        doc.add(.paragraph("\(Format.count(t.rowsA)) → \(Format.count(t.rowsB)) rows: \(Format.count(t.added)) added, "
            + "\(Format.count(t.removed)) removed, \(Format.count(t.changed)) changed."))
        let entity = t.key.filter { $0 != "year" }
        let hasYear = t.key.contains("year")
        let entityHeader = entity.map { ColumnLabels.column($0, table: t.table) }.joined(separator: " / ")
        if !t.largestChanges.isEmpty {
            let by = t.impactColumn.map { "by \(ColumnLabels.column($0, table: t.table).lowercased())" } ?? "in key order"
            let base = t.base.map { " among rows with at least \(Format.count($0.minClaims)) claims and \(Format.money($0.minCost)) drug cost before" } ?? ""
            doc.add(.paragraph("Largest changes \(by)\(base):"))
            let impact = t.impactColumn
            var header = [entityHeader] + (hasYear ? ["Year"] : [])
            header += impact.map { [ColumnLabels.column($0, table: t.table), "Change", "Also changed"] } ?? ["Changes"]
            doc.add(.table(header: header, rows: t.largestChanges.map { e in
                var row: [Line] = [Self.entity(e.key, name: e.name, t)] + (hasYear ? [Self.year(e.key, t)] : [])
                var others = e.changes
                if let impact, let first = others.first, first.column == impact {
                    let m = Measure.of(impact, table: t.table)
                    row += ["\(Self.value(first.a, m)) → \(Self.value(first.b, m))", "\(m.change(from: first.a.number, to: first.b.number))"]
                    others.removeFirst()
                } else if impact != nil {
                    row += ["unchanged", "–"]
                }
                let shown = others.prefix(2).map { Self.change($0, t.table) }
                var cell = shown.reduce(Line(spans: [])) { $0.spans.isEmpty ? $1 : $0 + "; " + $1 }
                if others.count > 2 { cell = cell + "; \(others.count - 2) more" }
                return row + [cell.spans.isEmpty ? "–" : cell]
            }))
        }
        if t.belowBase > 0, let base = t.base {
            doc.add(.paragraph("\(Format.count(t.belowBase, "changed row")) below the base (\(Format.count(base.minClaims)) claims, "
                + "\(Format.money(base.minCost)) drug cost) \(t.belowBase == 1 ? "is" : "are") not listed."))
        }
        for (label, keys, total) in [("Added", t.addedKeys, t.added), ("Removed", t.removedKeys, t.removed)] where !keys.isEmpty {
            var line: Line = "\(label): "
            for (i, k) in keys.enumerated() {
                line = line + (i == 0 ? "" : "; ") + Self.entity(k, name: nil, t) + (hasYear ? " (\(Self.year(k, t)))" : "")
            }
            if total > keys.count { line = line + "; … and \(Format.count(total - keys.count)) more" }
            doc.add(.paragraph(line))
        }
    }

    /// "Top 10 drugs by claims, 2023".
    static func title(_ list: RankList) -> String {
        let what: String
        switch (list.table, list.rankColumn) {
        case ("generic_summary", "rank_claims"): what = "drugs by claims"
        case ("generic_summary", "rank_cost"): what = "drugs by drug cost"
        case ("state_drug", _): what = "drugs of each state, by claims"
        case ("specialty_drug", _): what = "drugs of each specialty, by claims"
        case ("top_prescribers_by_state", _): what = "prescribers of each state, by claims"
        default: what = "\(ColumnLabels.table(list.table).lowercased()) by \(ColumnLabels.column(list.rankColumn).lowercased())"
        }
        return "Top \(list.size) \(what)"
    }

    /// "2023, AK: Apixaban moved from rank 4 to 2", "… entered the top 10 at rank 9 (was 14)", "… left the top 10 (was rank 7)".
    static func move(_ m: RankList.Move, in list: RankList) -> Line {
        let yearIndex = list.group.firstIndex(of: "year")
        let others = m.group.enumerated().filter { $0.offset != yearIndex }.map(\.element)
        var group: Line = yearIndex.map { "\(m.group[$0])" } ?? ""
        for g in others { group = group + (group.spans.isEmpty ? "" : ", ") + "\(data: g)" }
        let who: Line = m.name.map { "\(data: $0) (\(data: m.entity))" } ?? "\(data: m.entity)"
        let top = "the top \(list.size)"
        let what: String
        switch list.kind(m) {
        case .moved: what = "moved from rank \(m.from!) to \(m.to!)"
        case .entered: what = "entered \(top) at rank \(m.to!)" + (m.from.map { " (was \($0))" } ?? "")
        case .left: what = "left \(top) (was rank \(m.from!)" + (m.to.map { ", now \($0))" } ?? ")")
        }
        return group + ": " + who + " \(what)"
    }

    static func entity(_ key: [String], name: String?, _ t: TableDiff) -> Line {
        let values = zip(t.key, key).filter { $0.0 != "year" }.map(\.1)
        let text = values.joined(separator: " / ")
        return name.map { "\(data: $0) (\(data: text))" } ?? "\(data: text)"
    }

    static func year(_ key: [String], _ t: TableDiff) -> Line {
        t.key.firstIndex(of: "year").map { "\(key[$0])" } ?? ""
    }

    /// "Claims 100 → 120 (+20, +20.0%)", "Share of claims 1.5% → 1.0% (−0.5 pp)", "Most prescribed drug A → B".
    static func change(_ c: TableDiff.ValueChange, _ table: String) -> Line {
        let m = Measure.of(c.column, table: table)
        let label = ColumnLabels.column(c.column, table: table)
        let change = (c.a.number != nil && c.b.number != nil) ? " (\(m.change(from: c.a.number, to: c.b.number)))" : ""
        return "\(label) \(value(c.a, m)) → \(value(c.b, m))\(change)"
    }

    static func value(_ v: DiffValue, _ m: Measure) -> Line {
        switch v {
        case .null: return "\(HumanNumber.missing)"
        case .number(let x): return "\(m.format(x))"
        case .text(let s): return "\(data: s)"
        }
    }

    static func value(_ v: Double?, _ m: Measure) -> String { v.map(m.format) ?? HumanNumber.missing }

    static func count(_ v: Int?) -> String { v.map { Format.count($0) } ?? HumanNumber.missing }

    /// " (+2)", " (−3)", or nothing when equal or missing.
    static func delta(_ a: Int?, _ b: Int?) -> String {
        guard let a, let b, a != b else { return "" }
        return " (\(b > a ? "+" : "−")\(Format.count(abs(b - a))))"
    }

    static func state(_ p: Bool?) -> String { p.map { $0 ? "passed" : "failed" } ?? "not run" }

    /// "2022–2024" for consecutive years, else "2019, 2022".
    static func years(_ ys: [Int]) -> String {
        guard let first = ys.first, let last = ys.last else { return "none" }
        if ys.count > 1, last - first == ys.count - 1 { return "\(first)–\(last)" }
        return ys.map(String.init).joined(separator: ", ")
    }
}
