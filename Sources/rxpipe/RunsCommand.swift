import ArgumentParser
import Curated
import Foundation
import RxCore
import Runs
import Site

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the recorded runs of the lake with their status and KPIs.",
        discussion: """
            One line per run, in the order the runs started (the run id's leading sequence
            number, not the clock): run id, status (ok, gate_failed, failed, interrupted,
            running), seconds, stages that ran, the latest data year's claims and drug cost, and
            which run `latest` and `previous` name in `rxpipe diff`. `previous` is the run the
            site's changes page compares with: the first run of the data before the latest's
            (reruns of unchanged data are skipped).
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            var config = try global.loadConfig()
            _ = try LakeAccess.open(&config, logger: global.startLogging("rxpipe.runs"))
            let history = RunHistory(lakeRoot: config.lake.root)
            let records = history.records()
            guard !records.isEmpty else { throw CommandFailure.failed(RunError.noRuns(lake: config.lake.root).description) }
            let latest = try? history.resolve("latest"), previous = try? history.resolve("previous")
            print("run\tstatus\tseconds\tran\tyear\tclaims\tdrug_cost\tnames")
            for r in records {
                let ran = r.stages.filter { $0.status == .ran }.map(\.stage.rawValue).joined(separator: ",")
                let year = r.kpis.max { $0.year < $1.year }
                let claims = year?.values["claims"].map { String(Int64($0)) } ?? "-"
                let cost = year?.values["drug_cost"].map { String(format: "%.2f", $0) } ?? "-"
                let names = r.runID == latest ? "latest" : r.runID == previous ? "previous" : "-"
                print("\(r.runID)\t\(r.status.rawValue)\t\(String(format: "%.2f", r.totalSeconds))\t\(ran.isEmpty ? "-" : ran)\t\(year.map { String($0.year) } ?? "-")\t\(claims)\t\(cost)\t\(names)")
            }
        }
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two runs: a summary first, then KPIs, curated tables by entity, top-list moves, quality, gates, schemas.",
        discussion: """
            A and B are run ids (see `rxpipe runs`), `latest` or `previous`. The report opens with
            a summary (data years, rows per zone, quarantine, gates, the latest year's KPIs), then
            lists each table's largest changes by absolute drug cost among rows with the movers
            base ([site] movers_min_claims, movers_min_cost) and who moved in the top lists.
            Shares change in percentage points. `--format markdown` is what the site's changes
            page shows; `--format json` keeps raw numbers (docs/runs.md).

            Examples:
              rxpipe diff previous latest
              rxpipe diff 20261126T020000Z-3f2a9c1d latest --format json
            """)

    @Argument(help: "The earlier run (id, latest or previous).")
    var a: String

    @Argument(help: "The later run (id, latest or previous).")
    var b: String

    @Option(help: "text, markdown or json.")
    var format: String = "text"

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard DiffFormat(rawValue: format) != nil else { throw ValidationError("--format must be text, markdown or json") }
    }

    func run() throws {
        try reportingErrors {
            var config = try global.loadConfig()
            _ = try LakeAccess.open(&config, logger: global.startLogging("rxpipe.diff"))
            let history = RunHistory(lakeRoot: config.lake.root)
            do {
                let ida = try history.resolve(a), idb = try history.resolve(b)
                let ra = try history.record(ida), rb = try history.record(idb)
                let diff = try RunDiff.compare(
                    ra, rb, snapshotA: "\(history.directory)/\(ida)", snapshotB: "\(history.directory)/\(idb)",
                    base: MoversBase(config.site))
                print(try DiffFormat(rawValue: format)!.render(diff), terminator: "")
            } catch let error as RunError {
                throw CommandFailure.failed(error.description)
            }
        }
    }
}
