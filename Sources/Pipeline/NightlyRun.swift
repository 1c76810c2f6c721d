import Curated
import Foundation
import Lake
import Logging
import RxCore
import Runs
import Site

/// One `rxpipe run`: takes the lake lock, runs the stages with their fingerprints, checks the
/// quality gates, records the run with a snapshot of the curated tables, renders, prunes.
public struct NightlyRun {
    public let config: RxpipeConfig
    public let force: Bool
    public let range: ClosedRange<StageName>
    public let publishOnGateFailure: Bool
    public let quiet: Bool
    public let logger: Logger

    public init(config: RxpipeConfig, force: Bool = false, range: ClosedRange<StageName> = .ingest ... .render,
                publishOnGateFailure: Bool = true, quiet: Bool = false, logger: Logger = Logger(label: "rxpipe.run")) {
        self.config = config
        self.force = force
        self.range = range
        self.publishOnGateFailure = publishOnGateFailure
        self.quiet = quiet
        self.logger = logger
    }

    var lakeRoot: String { config.lake.root }

    public func execute() throws -> RunRecord {
        let started = Date()
        let lock = try RunLock(lakeRoot: lakeRoot)
        defer { lock.release() }
        if let stale = lock.clearedStaleHolder {
            logger.notice("cleared a stale run lock left by \(stale), which is no longer running")
        }
        let history = RunHistory(lakeRoot: lakeRoot)
        var cache = FileHashCache(lakeRoot: lakeRoot)
        let ingestFingerprint = try IngestStage.sourceFingerprint(config, cache: &cache)
        cache.save()
        let configHash = Self.configHash(config)
        var record = RunRecord(runID: RunID.make(sequence: history.nextSequence(), start: started, inputHash: Fingerprint.of(Array((configHash + ingestFingerprint).utf8))),
                               rxpipeVersion: RxpipeVersion.string, configHash: configHash)
        history.markInterrupted(except: record.runID)
        try history.save(record)
        let previous = history.records().filter { ($0.status == .ok || $0.status == .gateFailed) && $0.runID != record.runID }

        var outcomes: [StageOutcome] = []
        let runner = StageRunner(lakeRoot: lakeRoot, force: force, range: range)
        let log: (String) -> Void = { line in if !quiet { logger.info("\(line)") } }
        func finish(_ status: RunRecord.Status, error: String? = nil) throws -> RunRecord {
            record.status = status
            record.error = error
            record.stages = outcomes
            record.totalSeconds = Date().timeIntervalSince(started)
            for o in outcomes where !o.fingerprint.isEmpty { record.inputFingerprints[o.stage.rawValue] = o.fingerprint }
            try history.save(record)
            let removed = history.prune(keep: config.runs.keep)
            if !removed.isEmpty { logger.info("removed \(removed.count) old run records (keep = \(config.runs.keep))") }
            return record
        }
        do {
            let dataStages: [any Stage] = [
                IngestStage(config: config, sourceFingerprint: ingestFingerprint), CleanseStage(config: config), TransformStage(config: config),
            ]
            try runner.run(dataStages, outcomes: &outcomes, log: log)
        } catch let empty as EmptySource {
            // Yesterday's report stays: an empty source fails a gate instead of publishing nothing.
            record.gates = [RunRecord.Gate(name: "non_empty", passed: false, detail: "the source has no rows (\(empty.detail)); the previous site is kept")]
            logger.warning("the source is empty: the previous site is kept")
            return try finish(.gateFailed)
        } catch {
            _ = try finish(.failed, error: "\(error)")
            throw error
        }

        // Gates, facts and the curated snapshot of this run.
        let quality = RunFacts.quality(lakeRoot: lakeRoot)
        record.reconciliation = quality.reconciliation
        record.ruleCounts = quality.rules
        record.kpis = (try? RunFacts.kpis(lakeRoot: lakeRoot)) ?? []
        record.pseudonymized = SiteInput.effectivePolicy(
            .init(suppressBelow: config.privacy.suppressBelow, pseudonymized: config.privacy.pseudonymize), lakeRoot: lakeRoot).pseudonymized
        let rowsPerYear = RunFacts.rowsPerYear(lakeRoot: lakeRoot)
        if (try? Lake(root: lakeRoot).tables(zone: "curated"))?.isEmpty == false {
            record.tables = try Snapshot.take(lakeRoot: lakeRoot, into: "\(history.directory)/\(record.runID)")
        }
        // KPI changes are measured against the last run that published different data, so a
        // rerun of the same data gets the same gate results (and the same pages).
        let content = DataVersions.contentKey(record)
        let earlier = previous.last { DataVersions.contentKey($0) != content }
        record.gates = QualityGates(thresholds: config.quality).evaluate(
            reconciliation: record.reconciliation, ruleCounts: record.ruleCounts, rowsPerYear: rowsPerYear,
            kpis: record.kpis, previous: earlier?.kpis)
        let gatesPassed = record.gatesPassed
        let sourceEmpty = rowsPerYear.values.reduce(0, +) == 0
        let site = SiteDecision.decide(gatesPassed: gatesPassed, sourceEmpty: sourceEmpty, publishOnGateFailure: publishOnGateFailure)

        // What the site says about runs: data versions, not individual reruns.
        let versions = DataVersions.firsts(previous + [record.withStatus(gatesPassed ? .ok : .gateFailed)])
        let current = versions.last!
        let before = DataVersions.previousVersion(previous + [record.withStatus(gatesPassed ? .ok : .gateFailed)])
        var changes: String? = nil
        if let before {
            let diff = try RunDiff.compare(
                before, current, snapshotA: "\(history.directory)/\(before.runID)", snapshotB: "\(history.directory)/\(current.runID)",
                base: MoversBase(config.site))
            changes = try DiffFormat.markdown.render(diff)
        }
        // The verdict travels with the data: a later `rxpipe render` of it shows the same.
        let verdict = DataVerdict(
            dataVersion: content, runID: current.runID, gates: record.gates, history: DataVersions.history(versions), changesMarkdown: changes)
        try verdict.save(lakeRoot: lakeRoot)
        let profile = ProfileStage(config: config)
        let render = RenderStage(config: config, verdict: verdict, versions: versions)
        do {
            switch site {
            case .keepPrevious(let reason):
                try runner.run([profile], outcomes: &outcomes, log: log)
                outcomes.append(StageOutcome(stage: .render, status: .notRun, seconds: 0, fingerprint: "", summary: reason))
                logger.warning("\(reason)")
            case .render:
                try runner.run([profile, render], outcomes: &outcomes, log: log)
            }
        } catch {
            _ = try finish(.failed, error: "\(error)")
            throw error
        }
        return try finish(gatesPassed ? .ok : .gateFailed)
    }

    /// The configuration as a hash, secrets redacted first.
    public static func configHash(_ config: RxpipeConfig) -> String {
        var f = Fingerprint()
        for entry in config.entries {
            let key = ConfigSchema.key(section: entry.key.section, name: entry.key.name)
            var text = "\(entry.value)"
            if key?.mayHoldSecret == true, case .string(let s) = entry.value { text = ConnectionString.redacted(s) }
            f.add(entry.key.description, text)
        }
        return f.hex
    }
}

extension RunRecord {
    func withStatus(_ status: Status) -> RunRecord {
        var copy = self
        copy.status = status
        return copy
    }
}
