import Charts
import RxCore

extension SiteBuild {
    /// `changes.html` (what changed since the previous run) and `runs.html` (run history).
    mutating func makeRunPages() throws(SiteError) {
        var fragments: [String: Fragment] = [:]
        if let markdown = input.changesMarkdown {
            do {
                fragments["changes"] = .html(try Markdown.html(markdown))
            } catch {
                throw .noData("the run comparison could not be rendered: \(error)")
            }
        }
        pages.append(Page(path: "changes.html", title: "What changed", template: "changes", section: "changes",
                          context: ["has_changes": input.changesMarkdown != nil], fragments: fragments))

        let history = input.history
        var runFragments: [String: Fragment] = [:]
        if history.count >= 2 {
            let labels = history.map { String($0.runID.prefix(15)) }
            chart("runs-claims", LineChart(
                caption: ChartCaption(title: "Claims of the latest data year, run by run"), xLabels: labels,
                series: [.init("Claims", history.map { $0.kpis["claims"] ?? .nan })], format: .compact, yAxisTitle: "Claims",
                xHeading: "Run"))
            chart("runs-cost", LineChart(
                caption: ChartCaption(title: "Drug cost of the latest data year, run by run"), xLabels: labels,
                series: [.init("Drug cost", history.map { $0.kpis["drug_cost"] ?? .nan })], format: .currency, yAxisTitle: "Drug cost",
                xHeading: "Run"))
            runFragments["claims"] = .chart("runs-claims", definition: "claims")
            runFragments["cost"] = .chart("runs-cost", definition: "drug-cost")
        }
        runFragments["runs"] = .html(HTMLTable(
            caption: "Recorded runs, newest first",
            columns: [.init("Run"), .init("Status"), .init("Gates"), .init("Data year", align: .right),
                      .init("Claims", .count), .init("Drug cost ($)", .money), .init("Prescribers", .count)],
            rows: history.reversed().map { r in
                [.init(r.runID), .init(r.status), .init(r.gatesPassed ? "passed" : "failed"),
                 .init(r.year.map(String.init) ?? HumanNumber.missing, sortKey: r.year.map(Double.init)),
                 .number(r.kpis["claims"]), .number(r.kpis["drug_cost"]), .number(r.kpis["prescribers"])]
            }).html)
        pages.append(Page(path: "runs.html", title: "Run history", template: "runs", section: "changes",
                          context: ["has_runs": !history.isEmpty, "has_charts": history.count >= 2], fragments: runFragments))
    }
}
