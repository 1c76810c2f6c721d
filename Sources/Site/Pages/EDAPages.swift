import Charts
import Curated
import RxCore

extension SiteBuild {
    mutating func makeEDA() {
        var index: [[HTMLTable.Cell]] = []
        for profile in input.profiles {
            let slug = "\(Slug.make(profile.zone))-\(Slug.make(profile.table))"
            let path = "eda/\(slug).html"
            index.append([
                .init("\(profile.zone)/\(profile.table)", link: "\(slug).html"),
                .number(profile.rows), .number(profile.columns.count), .number(profile.sizeBytes), .number(profile.alerts.count),
            ])
            search.append(SearchEntry(title: "\(profile.zone)/\(profile.table) profile", kind: "table", url: path))
            makeProfilePage(profile, slug: slug, path: path)
        }
        let table = HTMLTable(
            caption: "Profiled tables",
            columns: [.init("Table"), .init("Rows", .count), .init("Columns", .count),
                      .init("Size", .bytes), .init("Alerts", .count)],
            rows: index)
        pages.append(Page(path: "eda/index.html", title: "Exploratory data analysis", template: "eda-index", section: "eda",
                          context: ["has_profiles": !input.profiles.isEmpty], fragments: ["tables": .html(table.html)]))
    }

    private mutating func makeProfilePage(_ p: TableProfile, slug: String, path: String) {
        var fragments: [String: Fragment] = [:]
        fragments["alerts"] = .html(HTMLTable(
            caption: "Alerts", columns: [.init("Alert"), .init("Columns"), .init("Detail")],
            rows: p.alerts.map { [.init($0.kind), .init($0.columns.joined(separator: ", ")), .init($0.message)] }).html)
        var parts: [Fragment] = []
        var columnsHTML = ""
        for (i, c) in p.columns.enumerated() {
            let anchor = "col-\(i + 1)"
            let types = HTMLEscaping.escape(c.type) + " · " + HTMLEscaping.escape(c.semanticType)
            columnsHTML += "<section class=\"column-profile\" id=\"\(anchor)\">\n<h3>\(HTMLEscaping.escape(c.name)) <span class=\"type\">\(types)</span></h3>\n"
            var stats: [(String, String)] = [
                ("Values", Format.count(c.count)), ("Nulls", Format.count(c.nulls)),
                ("Null share", Format.percent(c.count + c.nulls > 0 ? Double(c.nulls) / Double(c.count + c.nulls) : 0, precision: 2)),
                ("Distinct", c.distinct.map { Format.count($0) } ?? HumanNumber.missing + " (" + c.distinctNote + ")"),
            ]
            if c.distinct != nil, c.distinctNote != "exact" { stats[3].1 += " (\(c.distinctNote))" }
            stats += c.statistics
            columnsHTML += HTMLTable(
                caption: "Statistics of \(c.name)", columns: [.init("Statistic"), .init("Value", align: .right)],
                rows: stats.map { [.init($0.0), .init($0.1)] }).html + "\n"
            let bins = !c.logHistogram.isEmpty ? c.logHistogram : c.histogram
            if !bins.isEmpty {
                let name = "eda-\(slug)-\(i + 1)"
                chart(name, Histogram(
                    caption: ChartCaption(title: "Distribution of \(c.name)", subtitle: c.logHistogram.isEmpty ? "Equal-width bins" : "Log-scaled bins"),
                    bins: bins.map { Histogram.Bin(lower: $0.lower, upper: $0.upper, count: $0.count) },
                    xScale: c.logHistogram.isEmpty ? .linear : .logarithmic, xFormat: .compact, countFormat: .compact,
                    xAxisTitle: c.name, yAxisTitle: "Rows", width: 560, height: 260))
                parts.append(.html(columnsHTML))
                parts.append(.chart(name))
                columnsHTML = ""
            }
            if !c.topValues.isEmpty {
                columnsHTML += HTMLTable(
                    caption: c.semanticType == "period" ? "Rows per \(c.name)" : "Most frequent values of \(c.name)",
                    columns: [.init("Value"), .init("Rows", .count), .init("Share", .percent(2))],
                    rows: c.topValues.map { [.init($0.value), .number($0.count), .number($0.share)] }).html + "\n"
            }
            if !c.patterns.isEmpty {
                columnsHTML += HTMLTable(
                    caption: "Value shapes of \(c.name) (9 = digit, A = letter)",
                    columns: [.init("Shape"), .init("Rows", .count), .init("Share", .percent(2))],
                    rows: c.patterns.map { [.init($0.value), .number($0.count), .number($0.share)] }).html + "\n"
            }
            columnsHTML += "</section>\n"
        }
        parts.append(.html(columnsHTML))
        fragments["columns"] = .sequence(parts)
        if p.hasCorrelationToDraw {
            let name = "eda-\(slug)-correlation"
            chart(name, CorrelationHeatmap(
                caption: ChartCaption(title: "Correlation (Spearman) of the measure columns of \(p.table)"),
                labels: p.correlationLabels, matrix: p.heatmapMatrix))
            fragments["correlation"] = .chart(name)
        }
        let context: [String: Any] = [
            "zone": p.zone, "table": p.table, "rows": Format.count(p.rows), "columns": String(p.columns.count),
            "size": Format.bytes(p.sizeBytes), "duplicates": Format.count(p.duplicateRows),
            "missing": Format.percent(p.missingCellsShare, precision: 2), "has_alerts": !p.alerts.isEmpty,
            "has_correlation": fragments["correlation"] != nil,
            "small_sample": p.belowMinRows,
            "small_sample_text": "\(Format.count(p.rows, "row")) is below the minimum sample of \(Format.count(p.minRows, "row")): "
                + "this profile describes the table but raises no alerts and computes no correlations.",
            "has_correlation_note": fragments["correlation"] == nil && !p.belowMinRows,
            "correlation_note": p.correlationNote ?? "no pair of measure columns has a coefficient",
            "json": "../data/profiles/\(slug).json",
        ]
        pages.append(Page(path: path, title: "Profile of \(p.zone)/\(p.table)", template: "eda-table", section: "eda",
                          context: context, fragments: fragments))
        downloads["data/profiles/\(slug).json"] = p.json
    }
}
