import ArgumentParser
import Foundation
import Lake
import Pipeline
import Runs
import RxCore
import Transformation

struct TransformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Compute the curated analytics tables from the cleansed zone.",
        discussion: """
            Reads cleansed/prescriber_drug once (row groups split over --workers threads) with
            cleansed/prescriber, cleansed/drug and cleansed/state (the shipped state reference when
            cleansed/state is not committed), and writes curated/kpi_year, drug_summary,
            generic_summary, state_summary, specialty_summary, prescriber_summary,
            top_prescribers_by_state, state_drug, state_specialty, drug_trend and prescriber_outliers
            (thresholds from [outliers]) as docs/tables.md specifies: one part file each, sorted by
            key, ties ranked by name. All twelve tables are built before
            the first is committed; a failure leaves the curated zone as it was.

            Examples:
              rxpipe transform
              RXPIPE_LAKE_ROOT=/srv/lake rxpipe transform --workers 1
            """)

    @Option(parsing: .unconditional, help: "Threads for the pass over prescriber_drug (1 … 64).")
    var workers = 2

    @Option(help: "Lake root (default: [lake] root).")
    var lake: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard workers >= 1 && workers <= 64 else { throw ValidationError("--workers must be between 1 and 64") }
    }

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.transform")
            var config = try global.loadConfig()
            let access = try LakeAccess.open(&config, location: lake, logger: logger)
            let root = access.root
            let lock = try StageLock.hold(lakeRoot: root) { logger.notice("\($0)") }
            defer { lock.release() }
            let progress = ProgressReporter(label: "transform", total: 0, unit: "rows", quiet: global.quiet)
            let started = Date()
            let report = try TransformStage(config: config, lakeRoot: root, workers: workers).perform { progress.advance(by: $0) }
            progress.finish()
            try access.finish()
            for t in report.tables {
                print("\(t.table)\tversion \(t.version)\t\(t.rows) rows\tcontent \(t.contentHash.prefix(16))")
            }
            logger.debug("phases: \(report.phases.map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }.joined(separator: ", "))")
            logger.info("transformed \(report.factRows) rows in \(String(format: "%.2f", Date().timeIntervalSince(started))) s (states from \(report.stateSource))")
        }
    }
}
