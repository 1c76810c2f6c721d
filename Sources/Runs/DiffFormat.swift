import Charts
import Foundation
import Site

/// `rxpipe diff` output: text for a terminal, Markdown for pages (values escaped), JSON for scripts.
public enum DiffFormat: String, CaseIterable, Sendable {
    case text, markdown, json

    public func render(_ diff: RunDiff) throws(RunError) -> String {
        switch self {
        case .json: return String(decoding: try JSONCoding.encode(diff), as: UTF8.self)
        case .text: return Self.lines(diff, markdown: false).joined(separator: "\n") + "\n"
        case .markdown: return Self.lines(diff, markdown: true).joined(separator: "\n") + "\n"
        }
    }

    /// Locale-free numbers: integers as such, others with up to four decimals. These are also
    /// the values of `RunDiff`'s JSON, so they carry no grouping.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf") }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        var s = String(format: "%.4f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    static func count(_ v: Int) -> String { HumanNumber.integer.format(Double(v)) }

    /// A KPI value for people: whole numbers grouped (`2,453,247`), others as `number`.
    static func display(_ v: Double) -> String {
        v.isFinite && v == v.rounded() && abs(v) < 1e15 ? HumanNumber.integer.format(v) : number(v)
    }

    /// A relative change: "+10.0%", "−2.5%".
    static func percent(_ v: Double?) -> String { v.map { HumanNumber.change($0) } ?? "n/a" }

    /// A change of a share column (`…_share`) in percentage points, never relative: "+1.2 pp".
    static func points(_ a: Double?, _ b: Double?) -> String {
        guard let a, let b else { return "n/a" }
        return HumanNumber.pointChange(b - a)
    }

    static func isShare(_ column: String) -> Bool { column.hasSuffix("_share") }

    static func lines(_ d: RunDiff, markdown md: Bool) -> [String] {
        func esc(_ s: String) -> String { md ? MarkdownEscaping.escape(s) : s }
        func heading(_ s: String) -> String { md ? "## \(s)" : "\(s)\n" + String(repeating: "-", count: s.count) }
        var out: [String] = []
        out.append(md ? "Comparing run \(esc(d.a)) with run \(esc(d.b))." : "rxpipe diff \(d.a) → \(d.b)")
        if d.isEmpty {
            out.append("")
            out.append("No changes: the two runs have the same KPIs, curated tables, quality results and gates.")
            return out
        }
        out.append("")
        out.append(heading("KPIs"))
        if d.kpis.isEmpty { out.append("No KPI changed.") }
        for k in d.kpis {
            let a = k.a.map(display) ?? "–", b = k.b.map(display) ?? "–"
            let change = isShare(k.name) ? points(k.a, k.b) : "\(k.change.map { ($0 >= 0 ? "+" : "") + display($0) } ?? "n/a"), \(percent(k.relative))"
            out.append("\(md ? "- " : "  ")\(k.year) \(esc(k.name)): \(a) → \(b) (\(change))")
        }
        out.append("")
        out.append(heading("Curated tables"))
        for t in d.tables {
            let summary = "\(esc(t.table)): \(count(t.rowsA)) → \(count(t.rowsB)) rows; \(count(t.added)) added, \(count(t.removed)) removed, \(count(t.changed)) changed"
            out.append((md ? "- " : "  ") + summary)
            for c in t.largestChanges {
                let change = isShare(c.column) ? " (\(points(Double(c.a), Double(c.b))))" : c.relative.map { " (\(percent($0)))" } ?? ""
                out.append("\(md ? "    - " : "      ")\(esc(c.key)) \(esc(c.column)): \(esc(c.a)) → \(esc(c.b))\(change)")
            }
            if !t.addedKeys.isEmpty { out.append("\(md ? "    - " : "      ")added: " + t.addedKeys.map(esc).joined(separator: "; ")) }
            if !t.removedKeys.isEmpty { out.append("\(md ? "    - " : "      ")removed: " + t.removedKeys.map(esc).joined(separator: "; ")) }
        }
        if !d.rankMoves.isEmpty {
            out.append("")
            out.append(heading("Rank moves"))
            for m in d.rankMoves { out.append((md ? "- " : "  ") + esc(m)) }
        }
        if !d.quality.isEmpty {
            out.append("")
            out.append(heading("Quality"))
            for q in d.quality { out.append("\(md ? "- " : "  ")\(esc(q.name)): \(q.a.map(count) ?? "–") → \(q.b.map(count) ?? "–") rows") }
        }
        if !d.gates.isEmpty {
            out.append("")
            out.append(heading("Gates"))
            func state(_ p: Bool?) -> String { p.map { $0 ? "passed" : "failed" } ?? "–" }
            for g in d.gates { out.append("\(md ? "- " : "  ")\(esc(g.name)): \(state(g.a)) → \(state(g.b))") }
        }
        if !d.schema.isEmpty {
            out.append("")
            out.append(heading("Schema"))
            for s in d.schema {
                var parts: [String] = []
                if !s.added.isEmpty { parts.append("added " + s.added.map(esc).joined(separator: ", ")) }
                if !s.removed.isEmpty { parts.append("removed " + s.removed.map(esc).joined(separator: ", ")) }
                if !s.retyped.isEmpty { parts.append("retyped " + s.retyped.map(esc).joined(separator: ", ")) }
                out.append("\(md ? "- " : "  ")\(esc(s.table)): " + parts.joined(separator: "; "))
            }
        }
        return out
    }
}
