import Curated

/// The first page of `report.html`: what the report is, which data it shows, which run made
/// it and whether that run's quality gates passed.
///
/// The date printed is the run's start date read from its id, never the clock at render time:
/// the same data and run give the same bytes. A render outside a run has no date to show.
enum ReportCover {
    static func html(input: SiteInput, runLabel: String?) -> String {
        let years = input.curated.years.map(String.init).joined(separator: ", ")
        var facts: [(String, String)] = [
            ("Data years", HTMLEscaping.escape(years.isEmpty ? "none" : years)),
            ("Source", "Centers for Medicare &amp; Medicaid Services (CMS), “Medicare Part D Prescribers – by Provider and Drug”"),
        ]
        if let version = input.dataVersion {
            facts.append(("Data version", "<code>\(HTMLEscaping.escape(String(version.prefix(16))))</code>"))
        }
        facts.append(("Run", runLabel.map { "<code>\(HTMLEscaping.escape($0))</code>" } ?? "none recorded (rendered outside <code>rxpipe run</code>)"))
        if let date = runLabel.flatMap(runDate) { facts.append(("Generated", date)) }
        facts.append(("Quality gates", gateStatus(input.gates)))
        var out = "<header class=\"report-cover\" id=\"cover\">\n"
        out += "<p class=\"report-kind\">Report</p>\n<h1>\(HTMLEscaping.escape(input.title))</h1>\n"
        out += "<p class=\"report-subtitle\">Medicare Part D prescribing, data years \(HTMLEscaping.escape(years))</p>\n<dl class=\"report-facts\">\n"
        for (term, value) in facts { out += "<div><dt>\(term)</dt><dd>\(value)</dd></div>\n" }
        out += "</dl>\n"
        if let gates = input.gates { out += GateBanner.html(gates, root: "") }
        return out + "</header>\n"
    }

    /// "2026-11-27" from a run id (`000042-20261127T031500Z-3f2a9c1d`, or the older form without
    /// the sequence number); nil for any other label.
    static func runDate(_ label: String) -> String? {
        // The time stamp is the part of the id with 8 digits then "T" (after the sequence number).
        guard let stamp = label.split(separator: "-").first(where: { part in
            let characters = Array(part)
            return characters.count >= 9 && characters[0..<8].allSatisfy { $0.isASCII && $0.isNumber } && characters[8] == "T"
        }) else { return nil }
        let digits = String(stamp.prefix(8))
        return "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2)) (the run's start, UTC)"
    }

    static func gateStatus(_ gates: GateSummary?) -> String {
        guard let gates, !gates.gates.isEmpty else { return "not checked (rendered outside <code>rxpipe run</code>)" }
        if gates.passed { return "all \(gates.gates.count) passed" }
        let failed = gates.gates.filter { !$0.passed }.map { HTMLEscaping.escape($0.name) }
        return "<strong>failed:</strong> " + failed.joined(separator: ", ")
    }
}
