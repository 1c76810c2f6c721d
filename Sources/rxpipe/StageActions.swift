import Cleansing
import Foundation
import Ingestion
import Lake
import Logging
import Profiling
import RxCore
import Site
import SiteAudit
import Disclosure
import Runs
import Transformation

/// The body of each stage, as `rxpipe run` calls it (the stage commands add detailed output).
/// Each returns a one-line summary.
enum StageActions {
    static func ingest(_ config: RxpipeConfig) throws -> String {
        let lake = Lake(root: config.lake.root)
        if config.source.kind == .postgres {
            let options = PostgresSourceOptions(
                conninfo: config.source.url ?? "", names: SourceTableNames(config.source),
                retry: PostgresRetryPolicy(retries: 3, initialDelay: 0.5, multiplier: 2), batchRows: 262_144)
            let manifests = try RawPostgresIngest(lake: lake, options: options).run()
            return "\(manifests[.prescriberDrug]?.rowCount ?? 0) prescriber_drug rows from PostgreSQL"
        }
        let layout = CSVSourceLayout(rawValue: config.source.layout) ?? .auto
        do {
            let outcome = try RawCSVSourceIngest(
                lake: lake, directory: config.source.path, layout: layout, names: SourceTableNames(config.source),
                year: config.source.year, years: config.source.years).run()
            let rows = outcome.manifests.reduce(0) { $0 + $1.rowCount }
            return "\(rows) rows from \(outcome.files.count) files (\(outcome.layout.rawValue) layout)"
        } catch let error as IngestError {
            if case .noSourceFiles = error { throw EmptySource(error.description) }
            throw error
        } catch let error as CSVError {
            switch error {
            case .empty, .headerOnly: throw EmptySource(error.description)
            default: throw error
            }
        }
    }

    static func cleanse(_ config: RxpipeConfig) throws -> String {
        let options = CleanseOptions(config: config)
        do {
            let report = try Cleanser(lake: Lake(root: config.lake.root), options: options).run()
            let t = report.quality.tables.first
            return "\(t?.cleansed ?? 0) cleansed, \(t?.quarantined ?? 0) quarantined, \(t?.duplicatesDropped ?? 0) duplicates dropped"
        } catch let error as CleanseError {
            switch error {
            case .missingPseudonymKey, .weakPseudonymKey: throw CommandFailure.usage(error.description)
            default: throw CommandFailure.failed(error.description)
            }
        }
    }

    static func transform(_ config: RxpipeConfig) throws -> String {
        let report = try Transform(lake: Lake(root: config.lake.root), workers: 2, outliers: OutlierSettings(config.outliers)).run()
        return "\(report.tables.count) curated tables from \(report.factRows) rows"
    }

    static func profile(_ config: RxpipeConfig) throws -> String {
        let lake = Lake(root: config.lake.root)
        let store = ProfileStore(lake: lake)
        let settings = ProfileSettings(config.profile)
        let profiler = TableProfiler(lake: lake, settings: settings)
        let names = try store.tables()
        for name in names {
            try store.write(ProfileJSON.encode(try profiler.profile(name) { _ in }, settings: settings), for: name)
        }
        return "\(names.count) tables profiled"
    }

    /// The templates of `folder` (`--templates`) or `[site] templates` over the embedded
    /// defaults, with a debug line saying which files came from where.
    static func templates(_ config: RxpipeConfig, folder: String? = nil, logs: Bool = true) throws -> PageTemplates {
        let source = try TemplateSource(directory: TemplateSource.directory(configured: folder ?? config.site.templates))
        if logs {
            let logger = Logger(label: "rxpipe.render")
            if let directory = source.directory {
                let own = source.names(from: .folder)
                logger.debug("templates from \(directory): \(own.isEmpty ? "none" : own.joined(separator: ", "))")
            }
            logger.debug("templates built in: \(source.names(from: .embedded).joined(separator: ", "))")
        }
        return try PageTemplates(source: source)
    }

    /// Renders the curated data under its verdict (gates, run label, history, changes), the
    /// disclosure audit checking every file before the site is swapped in.
    static func render(_ config: RxpipeConfig, verdict: DataVerdict, out: String? = nil, templates: String? = nil) throws -> SiteRenderer.Summary {
        let pageTemplates = try Self.templates(config, folder: templates)
        let geometry = SiteInput.defaultGeometryPath()
        Logger(label: "rxpipe.render").debug("map geometry: \(geometry ?? "built in")")
        let policy = DisclosurePolicy(suppressBelow: config.privacy.suppressBelow, pseudonymized: config.privacy.pseudonymize)
        var input = try SiteInput.load(
            lakeRoot: config.lake.root, title: config.site.title, geometryPath: geometry, policy: policy,
            gates: verdict.gateSummary)
        input.history = verdict.history
        input.movers = MoversBase(config.site)
        input.outlierListing = OutlierListing(config.outliers)
        input.changesMarkdown = verdict.changesMarkdown
        input.dataVersion = verdict.dataVersion
        let directory = out ?? config.site.dir
        let auditor = SiteAuditor(rules: try SiteAuditing.rules(config, lakeRoot: config.lake.root))
        return try SiteRenderer(templates: pageTemplates, chartPNG: config.site.chartPNG).render(input, to: directory, runLabel: verdict.runID) { files in
            try SiteAuditing.refuse(auditor.audit(files: files), site: directory)
        }
    }
}
