import ArgumentParser
import Foundation
import Ingestion
import Lake
import Logging
import Pipeline
import Runs
import RxCore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read the configured source into the lake's raw zone.",
        discussion: """
            With [source] kind = "postgres", the four tables (prescriber, drug, prescriber_drug,
            state; names and schema from [source]) are read as one snapshot with binary COPY into
            raw/<table>/ (prescriber_drug partitioned by year) and committed together.

            With kind = "csv", CMS wide files (.csv, .csv.zst, .csv.gz in [source] path; compression is recognised
            from the bytes) go to raw/cms_prescriber_drug/year=YYYY/, typed. Nothing is dropped:
            a field that does not parse, a ragged row's missing or extra fields, or a field over
            the size limit becomes null with its original text in the row's _rescued JSON,
            next to _source (file) and _line. The table is committed atomically at the end;
            a failure leaves the previous raw table as it was.

            The data year comes from the file name (…_DY22_… → 2022) or --year.

            Examples:
              rxpipe ingest
              rxpipe ingest --source /data/cms --year 2022
              RXPIPE_LAKE_ROOT=/srv/lake rxpipe ingest
            """)

    @Option(help: "Directory of CSV files (default: [source] path).")
    var source: String?

    @Option(help: "CSV layout: auto, cms_wide or four_table (default: [source] layout).")
    var layout: String?

    @Option(help: "Data year for files whose name carries none (default: [source] year).")
    var year: Int?

    @Option(parsing: .unconditional, help: "Largest field loaded, in bytes (1 KiB … 1 GiB); longer fields are rescued.")
    var maxFieldBytes = 64 << 10

    @OptionGroup var global: GlobalOptions

    /// The reader keeps one field of this size in a fixed buffer: below 1 KiB it could not
    /// hold a CMS header field, above 1 GiB it is a typo.
    func validate() throws {
        guard (1 << 10)...(1 << 30) ~= maxFieldBytes else {
            throw ValidationError("--max-field-bytes must be between 1024 and 1073741824, not \(maxFieldBytes)")
        }
    }

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.ingest")
            var config = try global.loadConfig()
            let access = try LakeAccess.open(&config, logger: logger)
            if let year, let problem = DataYears.problem(year, in: config.source.years) {
                throw CommandFailure.usage("ingest: --year: \(problem)")
            }
            let lock = try StageLock.hold(lakeRoot: config.lake.root) { logger.notice("\($0)") }
            defer { lock.release() }
            var layout: CSVSourceLayout?
            if config.source.kind == .csv {
                guard let chosen = CSVSourceLayout(rawValue: self.layout ?? config.source.layout) else {
                    throw CommandFailure.usage("ingest: --layout must be auto, cms_wide or four_table")
                }
                layout = chosen
            }
            let stage = IngestStage(
                config: config, overrides: .init(directory: source, layout: layout, year: year, maxFieldBytes: maxFieldBytes))
            let progress = ProgressReporter(label: "ingest", total: 0, unit: "rows", quiet: global.quiet)
            let started = Date()
            let result = try stage.perform(progress: { progress.advance(by: $0) })
            try access.finish()
            progress.finish()
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            switch result {
            case .csv(let outcome):
                report(outcome, logger: logger)
                logger.info("ingested \(outcome.manifests.reduce(0) { $0 + $1.rowCount }) rows (\(outcome.layout.rawValue) layout) in \(seconds) s")
            case .postgres(let manifests):
                // The four tables from PostgreSQL (libpq conventions: [source] url, else PG* variables).
                for table in SourceTable.allCases { printManifest(manifests[table]!) }
                logger.info("ingested the four tables in \(seconds) s")
            }
        }
    }

    /// One line per CSV file (rows, rescued fields, repairs, skipped lines), then per raw table.
    private func report(_ outcome: RawCSVSourceIngest.Outcome, logger: Logger) {
        for report in outcome.files {
            var line = "\(report.file)\t\(report.year.map { "year \($0)" } ?? "raw/\(report.table)")\t\(report.rows) rows\t\(report.rescuedRows) rescued"
            if !report.repairedLines.isEmpty {
                line += "\t\(report.repairedLines.count) Windows-1252 repairs (lines \(report.repairedLines.prefix(5).map(String.init).joined(separator: ", ")))"
            }
            if !report.extraColumns.isEmpty {
                line += "\textra columns kept in raw only: \(report.extraColumns.joined(separator: ", "))"
                logger.warning("\(report.file): columns rxpipe does not know are kept in raw but not cleansed: \(report.extraColumns.joined(separator: ", "))")
            }
            let a = report.account
            if a.leadingBlankLines + a.blankLines > 0 { line += "\t\(a.leadingBlankLines + a.blankLines) blank lines skipped" }
            if a.recordLines > a.records { line += "\t\(a.recordLines - a.records) lines inside multi-line records" }
            print(line)
        }
        for manifest in outcome.manifests { printManifest(manifest) }
    }

    private func printManifest(_ manifest: TableManifest) {
        print("raw/\(manifest.table)\tversion \(manifest.version)\t\(manifest.rowCount) rows\t\(manifest.files.count) files\tcontent \(manifest.contentHash.prefix(16))")
    }
}
