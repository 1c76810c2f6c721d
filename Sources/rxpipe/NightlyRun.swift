import Foundation
import Ingestion
import Lake
import Logging
import Profiling
import RxCore
import Runs
import Site
import Transformation

/// One `rxpipe run`: takes the lake lock, runs the stages with their fingerprints, checks the
/// quality gates, records the run with a snapshot of the curated tables, renders, prunes.
struct NightlyRun {
    let config: RxpipeConfig
    let force: Bool
    let range: ClosedRange<StageName>
    let publishOnGateFailure: Bool
    let quiet: Bool
    let logger: Logger

    var lakeRoot: String { config.lake.root }

    func execute() throws -> RunRecord {
        let started = Date()
        let lock = try RunLock(lakeRoot: lakeRoot)
        defer { lock.release() }
        if let stale = lock.clearedStaleHolder {
            logger.notice("cleared a stale run lock left by \(stale), which is no longer running")
        }
        let history = RunHistory(lakeRoot: lakeRoot)
        var cache = FileHashCache(lakeRoot: lakeRoot)
        let ingestFingerprint = try Self.ingestFingerprint(config, cache: &cache)
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
            try runner.run(dataStages(ingestFingerprint: ingestFingerprint), outcomes: &outcomes, log: log)
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
        let empty = rowsPerYear.values.reduce(0, +) == 0
        let keepPreviousSite = !gatesPassed && (empty || !publishOnGateFailure)

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
        let gateSummary = verdict.gateSummary
        let siteStages = [
            Stage(name: .profile, fingerprint: { profileFingerprint() }, outputsPresent: { profilesPresent() },
                  run: { try StageActions.profile(config) }),
            Stage(name: .render, fingerprint: { try renderFingerprint(gates: gateSummary, versions: versions, changes: changes) },
                  outputsPresent: { FileManager.default.fileExists(atPath: config.site.dir + "/index.html") },
                  run: {
                      let summary = try StageActions.render(config, verdict: verdict)
                      return "\(summary.pages) pages, \(summary.charts) charts in \(config.site.dir)"
                  }),
        ]
        do {
            if keepPreviousSite {
                try runner.run(Array(siteStages.prefix(1)), outcomes: &outcomes, log: log)
                outcomes.append(StageOutcome(stage: .render, status: .notRun, seconds: 0, fingerprint: "",
                                             summary: empty ? "the source is empty: the previous site is kept" : "a quality gate failed: the previous site is kept"))
                logger.warning("quality gate failed: the previous site is kept")
            } else {
                try runner.run(siteStages, outcomes: &outcomes, log: log)
            }
        } catch {
            _ = try finish(.failed, error: "\(error)")
            throw error
        }
        return try finish(gatesPassed ? .ok : .gateFailed)
    }

    /// ingest, cleanse, transform with their fingerprints.
    func dataStages(ingestFingerprint: String) -> [Stage] {
        let lake = Lake(root: lakeRoot)
        func present(_ zone: String) -> Bool { ((try? lake.tables(zone: zone)) ?? []).isEmpty == false }
        func upstream(_ zones: [String], _ extra: [(String, String)] = []) -> String {
            var f = Fingerprint()
            f.add("rxpipe", RxpipeVersion.string)
            for (k, v) in RunFacts.tableHashes(lakeRoot: lakeRoot, zones: zones) + extra { f.add(k, v) }
            return f.hex
        }
        // Settings that change what cleanse writes: a change re-runs cleanse and everything after it.
        let cleanseSettings: [(String, String)] = [
            ("pseudonymize", "\(config.privacy.pseudonymize)"), ("suppress_below", "\(config.privacy.suppressBelow)"),
            ("pseudonym key", config.privacy.pseudonymize ? Fingerprint.of(Array(("rxpipe pseudonym key " + (ProcessInfo.processInfo.environment["RXPIPE_PSEUDONYM_KEY"] ?? "")).utf8)) : ""),
            ("drugs generic", config.drugs.generic.joined(separator: "\u{1F}")), ("drugs brand", config.drugs.brand.joined(separator: "\u{1F}")),
        ]
        return [
            Stage(name: .ingest, fingerprint: { ingestFingerprint }, outputsPresent: { present("raw") },
                  run: { try StageActions.ingest(config) }),
            Stage(name: .cleanse, fingerprint: { upstream(["raw"], cleanseSettings) }, outputsPresent: { present("cleansed") },
                  run: { try StageActions.cleanse(config) }),
            Stage(name: .transform, fingerprint: { upstream(["cleansed"], [("outliers", "\(OutlierSettings(config.outliers))")]) }, outputsPresent: { present("curated") },
                  run: { try StageActions.transform(config) }),
        ]
    }

    func profileFingerprint() -> String {
        var f = Fingerprint()
        f.add("rxpipe", RxpipeVersion.string)
        f.add("settings", "\(config.profile)")
        // A new profile format re-profiles the lake: the site refuses profiles of another schema.
        f.add("schema", "\(ProfileJSON.schemaVersion)")
        for (k, v) in RunFacts.tableHashes(lakeRoot: lakeRoot, zones: ["raw", "cleansed", "curated"]) { f.add(k, v) }
        return f.hex
    }

    func profilesPresent() -> Bool {
        RunFacts.tableHashes(lakeRoot: lakeRoot, zones: ["raw", "cleansed", "curated"]).allSatisfy { name, _ in
            FileManager.default.fileExists(atPath: "\(lakeRoot)/profiles/\(name).json")
        }
    }

    func renderFingerprint(gates: GateSummary, versions: [RunRecord], changes: String?) throws -> String {
        var f = Fingerprint()
        f.add("rxpipe", RxpipeVersion.string)
        // Every template and static asset, from the template folder or built in.
        f.add("templates", try StageActions.templates(config, logs: false).fingerprint)
        f.add("title", config.site.title)
        f.add("movers base", "\(config.site.moversMinClaims) \(config.site.moversMinCost)")
        f.add("outliers", "\(config.outliers)")
        f.add("chart png", "\(config.site.chartPNG)")
        f.add("geometry", SHA256Hex.of(SiteInput.geometryBytes(path: SiteInput.defaultGeometryPath())))
        for (k, v) in RunFacts.tableHashes(lakeRoot: lakeRoot, zones: ["raw", "cleansed", "quarantine", "curated"]) { f.add(k, v) }
        f.add("quality", Fingerprint.ofFile(lakeRoot + "/cleansed/quality.json"))
        let profiles = lakeRoot + "/profiles"
        for zone in ((try? FileManager.default.contentsOfDirectory(atPath: profiles)) ?? []).sorted() {
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: "\(profiles)/\(zone)")) ?? []).sorted() {
                f.add("profile \(zone)/\(file)", Fingerprint.ofFile("\(profiles)/\(zone)/\(file)"))
            }
        }
        for g in gates.gates { f.add("gate \(g.name)", "\(g.passed) \(g.detail)") }
        for v in versions { f.add("version", v.runID + " " + DataVersions.key(v)) }
        f.add("changes", changes ?? "")
        f.add("run label", versions.last?.runID ?? "")
        return f.hex
    }

    /// Source file hashes (cached by stat) or the PostgreSQL tables' row counts and change counters.
    static func ingestFingerprint(_ config: RxpipeConfig, cache: inout FileHashCache) throws -> String {
        var f = Fingerprint()
        f.add("rxpipe", RxpipeVersion.string)
        f.add("kind", config.source.kind.rawValue)
        f.add("year", config.source.year.map(String.init) ?? "")
        if config.source.kind == .postgres {
            let names = SourceTableNames(config.source)
            let connection = try PostgresConnection(config.source.url ?? "", retry: PostgresRetryPolicy(retries: 3, initialDelay: 0.5, multiplier: 2))
            for table in SourceTable.allCases {
                let name = try connection.qualifiedName(schema: names.schema, table: names.name(of: table))
                let count = try connection.query("SELECT count(*) FROM \(name)").first?.first ?? nil
                let stats = try connection.query(
                    "SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2",
                    parameters: [names.schema, names.name(of: table)]).first ?? []
                f.add("table \(table.rawValue)", "\(names.name(of: table)) rows \(count ?? "?") changes \(stats.map { $0 ?? "" }.joined(separator: "/"))")
            }
            return f.hex
        }
        for file in try RawCSVIngest.sourceFiles(in: config.source.path) {
            let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
            f.add("file \((file as NSString).lastPathComponent)", try cache.hash(of: absolute))
        }
        return f.hex
    }

    /// The configuration as a hash, secrets redacted first.
    static func configHash(_ config: RxpipeConfig) -> String {
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
