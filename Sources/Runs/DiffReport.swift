import Charts
import Curated

/// Lays a `RunDiff` out for a reader, headline first: the summary (years, rows per zone,
/// quarantine, gates, the latest year's KPIs), then KPIs by year, each changed table by entity
/// with labels and formatted numbers, the top lists' moves, quality, gates and schemas.
struct DiffReport {
    typealias Line = DiffDocument.Line
    let diff: RunDiff

    /// The KPIs the summary shows for the latest year, in order.
    static let headlineKPIs = ["claims", "drug_cost", "cost_per_claim", "generic_claim_share", "prescribers"]

    /// The order of the table sections.
    static let order = [
        "generic_summary", "drug_summary", "drug_trend", "state_summary", "state_drug", "state_specialty", "specialty_summary",
        "specialty_drug", "prescriber_summary", "top_prescribers_by_state", "prescriber_outliers",
    ]

    var document: DiffDocument {
        var doc = DiffDocument()
        doc.add(.paragraph("Comparing run \(code: diff.a) with run \(code: diff.b)."))
        guard !diff.isEmpty else {
            doc.add(.paragraph("No changes: the two runs have the same KPIs, curated tables, quality results and gates."))
            return doc
        }
        doc.add(.heading("Summary"))
        doc.add(.bullets(summary))
        if !diff.kpis.isEmpty {
            doc.add(.heading("Headline figures by year"))
            doc.add(.table(header: ["Year", "Measure", "Before", "After", "Change"], rows: kpiRows.map { k in
                let m = Measure.of(k.name, table: "kpi_year")
                return ["\(String(k.year))", "\(ColumnLabels.column(k.name, table: "kpi_year"))", "\(Self.value(k.a, m))",
                        "\(Self.value(k.b, m))", "\(m.change(from: k.a, to: k.b))"]
            }))
        }
        // kpi_year is the table above; the others by what a reader looks for first.
        let tables = diff.tables.filter { $0.table != "kpi_year" }
            .sorted { (Self.order.firstIndex(of: $0.table) ?? .max, $0.table) < (Self.order.firstIndex(of: $1.table) ?? .max, $1.table) }
        for t in tables where !t.isUnchanged { tableSection(t, into: &doc) }
        let unchanged = tables.filter(\.isUnchanged).map { ColumnLabels.table($0.table) }
        if !unchanged.isEmpty { doc.add(.paragraph("Unchanged tables: \(unchanged.joined(separator: ", ")).")) }
        let lists = diff.rankLists.filter { $0.total > 0 }
        if !lists.isEmpty {
            doc.add(.heading("Top lists"))
            for list in lists {
                doc.add(.paragraph("\(Self.title(list)):"))
                var lines = list.moves.map { Self.move($0, in: list) }
                if list.total > list.moves.count { lines.append("… and \(Format.count(list.total - list.moves.count)) more") }
                doc.add(.bullets(lines))
            }
        }
        if !diff.quality.isEmpty {
            doc.add(.heading("Quality"))
            doc.add(.bullets(diff.quality.map { q in
                "\(code: q.name): \(Self.count(q.a)) → \(Self.count(q.b)) rows\(Self.delta(q.a, q.b))"
            }))
        }
        if !diff.gates.isEmpty {
            doc.add(.heading("Gates"))
            doc.add(.bullets(diff.gates.map { g in "\(code: g.name): \(Self.state(g.a)) → \(Self.state(g.b))" }))
        }
        if !diff.schema.isEmpty {
            doc.add(.heading("Schema"))
            doc.add(.bullets(diff.schema.map { s in
                var parts: [String] = []
                if !s.added.isEmpty { parts.append("added " + s.added.joined(separator: ", ")) }
                if !s.removed.isEmpty { parts.append("removed " + s.removed.joined(separator: ", ")) }
                if !s.retyped.isEmpty { parts.append("retyped " + s.retyped.joined(separator: ", ")) }
                return "\(ColumnLabels.table(s.table)) (\(code: s.table)): \(data: parts.joined(separator: "; "))"
            }))
        }
        return doc
    }

    /// The KPIs by year, the headline ones first.
    var kpiRows: [RunDiff.KPIChange] {
        func rank(_ name: String) -> Int { Self.headlineKPIs.firstIndex(of: name) ?? Self.headlineKPIs.count }
        return diff.kpis.sorted { ($0.year, rank($0.name), $0.name) < ($1.year, rank($1.name), $1.name) }
    }

    /// Years, rows per zone, quarantine, gates, the latest year's KPIs, the tables in one line.
    var summary: [Line] {
        let s = diff.summary
        var lines: [Line] = []
        let years = Self.years(s.yearsB)
        if s.yearsAdded.isEmpty && s.yearsDropped.isEmpty {
            lines.append("Data years: \(years), in both runs")
        } else {
            var parts: [String] = []
            if !s.yearsAdded.isEmpty { parts.append("added " + Self.years(s.yearsAdded)) }
            if !s.yearsDropped.isEmpty { parts.append("dropped " + Self.years(s.yearsDropped)) }
            lines.append("Data years: \(Self.years(s.yearsA)) → \(years) (\(parts.joined(separator: ", ")))")
        }
        let zones = s.zones.filter { $0.zone != "quarantine" }.map { z in
            "\(z.zone) \(Format.count(z.a)) → \(Format.count(z.b))\(Self.delta(z.a, z.b))"
        }
        if !zones.isEmpty { lines.append("Rows: \(zones.joined(separator: "; "))") }
        if let q = s.zones.first(where: { $0.zone == "quarantine" }) {
            lines.append(q.a == q.b ? "Quarantine: unchanged at \(Format.count(q.a, "row"))"
                                    : "Quarantine: \(Format.count(q.a)) → \(Format.count(q.b)) rows\(Self.delta(q.a, q.b))")
        }
        lines.append(gatesLine)
        if let year = s.yearsB.filter(s.yearsA.contains).max() {
            let kpis = Self.headlineKPIs.compactMap { name in diff.kpis.first { $0.year == year && $0.name == name } }
            let text = kpis.map { k in
                let m = Measure.of(k.name, table: "kpi_year")
                return "\(ColumnLabels.column(k.name, table: "kpi_year")) \(Self.value(k.a, m)) → \(Self.value(k.b, m)) (\(m.change(from: k.a, to: k.b)))"
            }
            lines.append("\(String(year)), the latest year in both: \(text.isEmpty ? "headline figures unchanged" : text.joined(separator: "; "))")
        }
        let changedTables = diff.tables.filter { !$0.isUnchanged }
        let sum = { (f: (TableDiff) -> Int) in Format.count(changedTables.map(f).reduce(0, +)) }
        let moves = diff.rankLists.map(\.total).reduce(0, +)
        lines.append("Curated tables: \(Format.count(changedTables.count)) of \(Format.count(diff.tables.count)) changed; "
            + "rows \(sum(\.added)) added, \(sum(\.removed)) removed, \(sum(\.changed)) changed; \(Format.count(moves, "move")) in the top lists")
        return lines
    }

    var gatesLine: Line {
        let a = diff.summary.gatesA, b = diff.summary.gatesB
        func text(_ g: DiffSummary.GateCount) -> String {
            g.failed == 0 ? "all \(g.passed) passed" : "\(g.passed) passed, \(g.failed) failed"
        }
        guard a != b || !diff.gates.isEmpty else { return "Gates: \(text(b)) in both runs" }
        var line: Line = "Gates: \(text(a)) → \(text(b))"
        let flips = diff.gates.filter { $0.a != nil && $0.b != nil }
        for (i, g) in flips.enumerated() { line = line + "\(i == 0 ? " (" : ", ")\(code: g.name) \(g.b! ? "now passes" : "now fails")" }
        return flips.isEmpty ? line : line + ")"
    }
}
