import ArgumentParser
import Foundation
import Ingestion
import RxCore

/// `rxpipe db …`: the source database.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Stand up the PostgreSQL source database.",
        subcommands: [DbLoadCommand.self, DbReadCommand.self])
}

struct DbLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load CMS wide CSV files into the four source tables with COPY.",
        discussion: """
            Creates prescriber, drug, prescriber_drug and state (names and schema from the
            [source] configuration) if absent, reads every .csv/.csv.zst/.csv.gz file in --from
            (the data year comes from the CMS file name, …_DY22_… → 2022), normalises the wide
            rows into the four tables and loads them in one transaction. Reloading a year
            replaces its prescriber_drug rows; loading the same files twice gives the same tables.
            Rows that cannot be loaded (ragged, a measure that is not a number) are skipped,
            listed with file and line, and kept in the table rxpipe_load_rejects of the same
            schema: the run that ingests the database quarantines each one (rule load_rejected)
            and counts it in the reconciliation, so no row of the files goes missing.

            The password never appears in the output: give it with PGPASSWORD, ~/.pgpass or
            PGPASSFILE rather than in --to.

            Examples:
              rxpipe db load --to postgres://rx@localhost/cms --from local_data/raw
              rxpipe db load --to "host=/tmp/pg port=5432 dbname=cms" --from /data/cms
            """)

    @Option(help: "libpq connection string or postgres:// URI (default: source.url, else libpq's PG* environment).")
    var to: String?

    @Option(help: "Directory of CMS \"by Provider and Drug\" CSV files.")
    var from = "local_data/raw"

    @Option(parsing: .unconditional, help: "Connection retries after the first attempt (0…100).")
    var retries = 3

    @Option(parsing: .unconditional, help: "Seconds before the first retry (0…3600); each later wait doubles.")
    var retryDelay = 0.5

    @Option(parsing: .unconditional, help: "Statement timeout in seconds (0: none; at most 604800, a week).")
    var statementTimeout = 0

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try PostgresOptionBounds.check(retries: retries, retryDelay: retryDelay, statementTimeout: statementTimeout)
    }

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.db.load")
            let config = try global.loadConfig()
            let conninfo = to ?? config.source.url ?? ""
            let options = PostgresLoadOptions(
                conninfo: conninfo, names: SourceTableNames(config.source),
                retry: PostgresRetryPolicy(retries: retries, initialDelay: retryDelay),
                statementTimeoutMilliseconds: statementTimeout * 1000)
            let started = Date()
            let report: PostgresLoadReport
            do {
                report = try PostgresLoader(options: options).load(directory: from)
            } catch let error as LoadError {
                throw CommandFailure.usage(error.description)
            }
            let seconds = Date().timeIntervalSince(started)
            print(Self.render(report, target: conninfo.isEmpty ? "(libpq environment)" : ConnectionString.redacted(conninfo)))
            let rows = report.files.reduce(0) { $0 + $1.loaded }
            logger.info("loaded \(rows) prescriber_drug rows in \(String(format: "%.2f", seconds)) s (\(Int(Double(rows) / max(seconds, 1e-9))) rows/s)")
        }
    }

    static func render(_ report: PostgresLoadReport, target: String) -> String {
        var lines = ["loaded into \(target)"]
        for file in report.files {
            lines.append("\(file.path)\tyear \(file.year)\t\(file.records) rows read\t\(file.loaded) loaded\t\(file.skipped) skipped")
            for skip in file.listedSkips { lines.append("  skipped: \(skip)") }
            if file.skipped > file.listedSkips.count { lines.append("  … and \(file.skipped - file.listedSkips.count) more skipped rows") }
            if file.repairedFields > 0 { lines.append("  \(file.repairedFields) fields decoded as Windows-1252") }
        }
        let skipped = report.files.reduce(0) { $0 + $1.skipped }
        if skipped > 0 { lines.append("\(skipped) skipped rows kept in rxpipe_load_rejects: the next run quarantines them (load_rejected)") }
        if report.replacedRows > 0 { lines.append("replaced \(report.replacedRows) earlier prescriber_drug rows of the same years") }
        for table in SourceTable.allCases { lines.append("table \(table.rawValue): \(report.tableRows[table] ?? 0) rows") }
        return lines.joined(separator: "\n")
    }
}
