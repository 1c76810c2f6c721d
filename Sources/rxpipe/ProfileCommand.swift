import ArgumentParser
import Foundation
import Lake
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
            let config = try global.loadConfig()
            let lake = Lake(root: self.lake ?? config.lake.root)
            let lock = try StageLock.hold(lakeRoot: lake.root) { logger.notice("\($0)") }
            defer { lock.release() }
            let store = ProfileStore(lake: lake)
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
            if names.isEmpty { names = try store.tables() }
            guard !names.isEmpty else { throw CommandFailure.failed(ProfileError.nothingToProfile(lake: lake.root).description) }
            let settings = ProfileSettings(config.profile)
            let profiler = TableProfiler(lake: lake, settings: settings)
            for name in names {
                let started = Date()
                let rows = try lake.manifest(name).rowCount
                let progress = ProgressReporter(label: "profile \(name)", total: 0, unit: "rows", quiet: global.quiet)
                let profile = try profiler.profile(name) { progress.advance(by: $0) }
                progress.finish()
                try store.write(ProfileJSON.encode(profile, settings: settings), for: name)
                print("\(name)\t\(rows) rows\t\(profile.columns.count) columns\t\(profile.alerts.count) alerts\t\(store.path(name))")
                logger.info("profiled \(name) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s (\(profile.passes) reads)")
            }
        }
    }
}

extension ProfileSettings {
    /// The `[profile]` section of the configuration.
    init(_ c: RxpipeConfig.Profile) {
        self.init()
        exactMemoryMB = c.exactMemoryMB
        distinctExactMB = c.distinctExactMB
        histogramBins = c.histogramBins
        logHistogramMinRatio = c.logHistogramMinRatio
        spearmanMaxRows = c.spearmanMaxRows
        minRows = c.minRows
        flagMaxDistinct = c.flagMaxDistinct
        highCardinalityDistinct = c.highCardinalityDistinct
        highMissingShare = c.highMissingShare
        uniqueShare = c.uniqueShare
        correlationThreshold = c.correlationThreshold
        skewnessThreshold = c.skewnessThreshold
        zerosShare = c.zerosShare
        imbalanceThreshold = c.imbalanceThreshold
        suppressedShare = c.suppressedShare
    }
}
