import ArgumentParser
import Foundation
import Lake
import Pipeline
import Logging
import Profiling
import Runs
import RxCore

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Profile every committed raw, cleansed and curated table into <lake>/profiles/.",
        discussion: """
            Writes <lake>/profiles/<zone>/<table>.json per table (schema: docs/profile-schema.md): \
            rows, size, exact duplicate rows, missing cells, Pearson and Spearman correlations; \
            per column the type, nulls, distinct values, exact quantiles, moments, histograms, \
            string lengths, top values and shapes, flag value counts; and alerts (constant, \
            unique, high_cardinality, high_missing, highly_correlated, skewed, many_zeros, \
            imbalance, suppressed_share) with thresholds from [profile]. Each file is replaced \
            atomically; the same table and settings give the same bytes.

            Examples:
              rxpipe profile
              rxpipe profile --table raw/cms_prescriber_drug
              RXPIPE_PROFILE_CORRELATION_THRESHOLD=0.8 rxpipe profile --lake /srv/lake
            """)

    @Option(help: "Only this table (<zone>/<table>); repeatable. Default: every table of raw, cleansed, curated.")
    var table: [String] = []

    @Option(help: "The lake directory (default: [lake] root from the configuration).")
    var lake: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.profile")
            var config = try global.loadConfig()
            let access = try LakeAccess.open(&config, location: self.lake, logger: logger)
            let lake = Lake(root: access.root)
            let lock = try StageLock.hold(lakeRoot: lake.root) { logger.notice("\($0)") }
            defer { lock.release() }
            var names = [Lake.TableName]()
            for text in table {
                do {
                    let name = try Lake.TableName(parsing: text)
                    guard ProfileStore.zones.contains(name.zone) else {
                        throw CommandFailure.usage("profile: --table \(text): zone \(name.zone) is not profiled (raw, cleansed, curated)")
                    }
                    names.append(name)
                } catch let error as LakeError {
                    throw CommandFailure.usage("profile: --table \(text): \(error)")
                }
            }
            if names.isEmpty { names = try ProfileStore(lake: lake).tables() }
            guard !names.isEmpty else { throw CommandFailure.failed(ProfileError.nothingToProfile(lake: lake.root).description) }
            var progress: ProgressReporter?
            try ProfileStage(config: config, lakeRoot: lake.root).perform(
                tables: names,
                progress: { name in
                    let reporter = ProgressReporter(label: "profile \(name)", total: 0, unit: "rows", quiet: global.quiet)
                    progress = reporter
                    return { reporter.advance(by: $0) }
                },
                profiled: { done in
                    progress?.finish()
                    print("\(done.table)\t\(done.rows) rows\t\(done.profile.columns.count) columns\t\(done.profile.alerts.count) alerts\t\(done.path)")
                    logger.info("profiled \(done.table) in \(String(format: "%.2f", done.seconds)) s (\(done.profile.passes) reads)")
                })
            try access.finish()
        }
    }
}
