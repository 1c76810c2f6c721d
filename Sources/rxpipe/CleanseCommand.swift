import ArgumentParser
import Cleansing
import Foundation
import Lake
import Pipeline
import Runs
import RxCore

struct CleanseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanse",
        abstract: "Validate and normalise the raw zone into the cleansed zone, with quarantine.",
        discussion: """
            Reads whichever raw layout is committed (raw/cms_prescriber_drug from CMS files, or
            raw/prescriber, raw/drug, raw/prescriber_drug and raw/state from PostgreSQL; if both
            are, the one committed last) and writes cleansed/prescriber_drug, cleansed/prescriber,
            cleansed/drug and cleansed/state as docs/tables.md specifies, in source order.

            Rows that break a reject rule go to quarantine/<raw table> with their original
            values as text, the rule, a message, _source and _line. Exact duplicates are dropped
            and counted. Per raw table, raw = cleansed + quarantined + duplicates dropped must
            hold, or nothing is committed (exit 1). cleansed/quality.json lists every rule with
            its severity, description, count and first examples.

            With [privacy] pseudonymize = true, NPIs become HMAC-SHA256 pseudonyms keyed by
            RXPIPE_PSEUDONYM_KEY (missing key: exit 2) and names are dropped, in quarantine too.

            Rules:
            \(CleanseRule.allCases.map { "  \($0.id) (\($0.severity.rawValue))" }.joined(separator: "\n"))

            Examples:
              rxpipe cleanse
              RXPIPE_PRIVACY_PSEUDONYMIZE=true RXPIPE_PSEUDONYM_KEY=… rxpipe cleanse
            """)

    @Option(help: "Lake root (default: [lake] root).")
    var lake: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.cleanse")
            var config = try global.loadConfig()
            let access = try LakeAccess.open(&config, location: lake, logger: logger)
            let root = access.root
            let lock = try StageLock.hold(lakeRoot: root) { logger.notice("\($0)") }
            defer { lock.release() }
            let started = Date()
            let report = try CleanseStage(config: config, lakeRoot: root).perform()
            try access.finish()
            if let note = report.layoutNote { logger.notice("\(note)") }
            if !report.grouped { logger.notice("input not grouped by prescriber: duplicates were found with the full fingerprint index") }
            for t in report.quality.tables {
                print("\(t.source) → \(t.target)\traw \(t.raw)\tcleansed \(t.cleansed)\tquarantined \(t.quarantined)\tduplicates dropped \(t.duplicatesDropped)")
            }
            for rule in report.quality.rules where rule.count > 0 {
                print("rule \(rule.id)\t\(rule.severity.rawValue)\t\(rule.count)")
            }
            for (name, manifest) in report.manifests.sorted(by: { $0.key < $1.key }) {
                print("\(name)\tversion \(manifest.version)\t\(manifest.rowCount) rows\t\(manifest.files.count) files\tcontent \(manifest.contentHash.prefix(16))")
            }
            logger.info("cleansed \(report.quality.tables.first?.raw ?? 0) rows (\(report.layout.rawValue)) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
    }
}
