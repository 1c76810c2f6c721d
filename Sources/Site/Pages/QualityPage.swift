import Cleansing
import Curated
import Foundation

extension SiteBuild {
    mutating func makeQuality() {
        var context: [String: Any] = ["has_report": input.quality != nil]
        var fragments: [String: Fragment] = [:]
        if let q = input.quality {
            fragments["reconciliation"] = .html(HTMLTable(
                caption: "Reconciliation: every raw row is cleansed, quarantined or a dropped duplicate",
                columns: [.init("Table"), .init("Raw rows", .count), .init("Cleansed rows", .count),
                          .init("Quarantined rows", .count), .init("Duplicates dropped", .count), .init("Balanced")],
                rows: q.tables.map { t in
                    [.init(t.name), .number(t.raw), .number(t.cleansed), .number(t.quarantined), .number(t.duplicatesDropped),
                     .init(t.balances ? "yes" : "NO — the stage failed")]
                }).html)
            let lined = q.tables.filter { $0.physicalLines != nil }
            fragments["lines"] = .html(lined.isEmpty ? "" : HTMLTable(
                caption: "Source lines: every physical line of the CSV files is a row, a header or blank line, or part of a row spanning several lines",
                columns: [.init("Table"), .init("Physical lines", .count), .init("Raw rows", .count), .init("Header and blank lines", .count),
                          .init("Lines inside multi-line rows", .count)],
                rows: lined.map { t in
                    [.init(t.name), .number(t.physicalLines ?? 0), .number(t.raw), .number(t.skippedLines ?? 0), .number(t.linesInsideRecords ?? 0)]
                }).html)
            let raw = max(1, q.raw)
            fragments["rules"] = .html(HTMLTable(
                caption: "Validation rules and how many rows each caught",
                columns: [.init("Rule"), .init("Severity"), .init("What it checks"), .init("Rows", .count),
                          .init("Share of raw rows", .percent(3))],
                rows: q.rules.map { r in
                    [.init(r.id, link: r.examples.isEmpty ? nil : "#rule-\(Slug.make(r.id))"), .init(r.severity), .init(r.description),
                     .number(r.count), .number(Double(r.count) / Double(raw))]
                }).html)
            var examples = ""
            for r in q.rules where !r.examples.isEmpty {
                examples += HTMLTable(
                    caption: "First examples of \(r.id) (\(r.severity))",
                    columns: [.init("Source"), .init("Line", .count), .init("Message"), .init("Values as read")],
                    rows: r.examples.map { e in
                        [.init(e.source), .number(e.line), .init(e.message),
                         .init(Self.shortened(e.values))]
                    }).html.replacingOccurrences(of: "<div class=\"table-wrap\">", with: "<div class=\"table-wrap\" id=\"rule-\(Slug.make(r.id))\">") + "\n"
            }
            fragments["examples"] = .html(examples)
            context["raw"] = Format.count(q.raw)
            context["quarantined"] = Format.count(q.quarantined)
            context["share"] = Format.percent(Double(q.quarantined) / Double(raw), precision: 2)
            context["balanced"] = q.tables.allSatisfy(\.balances)
        }
        if let gates = input.gates {
            context["has_gates"] = true
            context["gates_passed"] = gates.passed
            fragments["gates"] = .html(HTMLTable(
                caption: "Quality gates of this run",
                columns: [.init("Gate"), .init("Result"), .init("Detail")],
                rows: gates.gates.map { [.init($0.name), .init($0.passed ? "passed" : "FAILED"), .init($0.detail)] }).html)
        }
        pages.append(Page(path: "quality.html", title: "Data quality", template: "quality", section: "quality",
                          context: context, fragments: fragments))
    }

    /// At most about 400 characters of "column=value, …", cut between two cells (never inside a
    /// value, which would show a different number).
    static func shortened(_ values: String) -> String {
        guard values.count > 400 else { return values }
        let head = values.prefix(400)
        guard let cut = head.range(of: ", ", options: .backwards) else { return String(head) + " …" }
        return String(head[..<cut.lowerBound]) + ", …"
    }
}
