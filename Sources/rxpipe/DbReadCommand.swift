import ArgumentParser
import Foundation
import Ingestion
import RxCore

/// `rxpipe db read`: reads the four source tables the way ingest will, and says how fast.
struct DbReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read the four source tables (binary COPY, one snapshot) and report rows and rows/s.",
        discussion: """
            Checks that the source database has every table and column ingest needs, then
            streams them and discards the rows: a dry run and a benchmark of the PostgreSQL
            source. Table names and schema come from the [source] configuration.

            Examples:
              rxpipe db read --from "host=/tmp/pg port=5432 dbname=cms"
              RXPIPE_SOURCE_SCHEMA=cms rxpipe db read --from postgres://rx@db.internal/partd
            """)

    @Option(help: "libpq connection string or postgres:// URI (default: source.url, else libpq's PG* environment).")
    var from: String?

    @Option(parsing: .unconditional, help: "Rows per batch (1…16777216).")
    var batchRows = 65_536

    @Option(parsing: .unconditional, help: "Connection retries after the first attempt (0…100).")
    var retries = 3

    @Option(parsing: .unconditional, help: "Statement timeout in seconds (0: none; at most 604800, a week).")
    var statementTimeout = 0

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard 1...(1 << 24) ~= batchRows else { throw ValidationError("--batch-rows must be between 1 and 16777216, not \(batchRows)") }
        try PostgresOptionBounds.check(retries: retries, retryDelay: 0, statementTimeout: statementTimeout)
    }

    func run() throws {
        try reportingErrors {
            _ = global.startLogging("rxpipe.db.read")
            let config = try global.loadConfig()
            let options = PostgresSourceOptions(
                conninfo: from ?? config.source.url ?? "", names: SourceTableNames(config.source),
                retry: PostgresRetryPolicy(retries: retries), statementTimeoutMilliseconds: statementTimeout * 1000,
                batchRows: batchRows)
            // Each batch is charged the time since the previous one: a table's first batch
            // includes starting its COPY (the first table also pays for connecting and checks).
            var timings: [SourceTable: Double] = [:]
            var mark = Date()
            let started = mark
            let counts = try PostgresSource(options: options).read { batch in
                let now = Date()
                timings[batch.table, default: 0] += now.timeIntervalSince(mark)
                mark = now
            }
            let total = Date().timeIntervalSince(started)
            for table in SourceTable.allCases {
                let rows = counts[table] ?? 0
                let seconds = timings[table] ?? 0
                let rate = seconds > 0 ? String(Int(Double(rows) / seconds)) + " rows/s" : "-"
                print("\(table.rawValue)\t\(rows) rows\t\(String(format: "%.3f", seconds)) s\t\(rate)")
            }
            print("total\t\(counts.values.reduce(0, +)) rows\t\(String(format: "%.3f", total)) s (connect, checks and all tables)")
        }
    }
}
