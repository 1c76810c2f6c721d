import ArgumentParser
import Foundation
import Pipeline
import Lake
import Runs
import RxCore

/// Where the lake lives: `--lake`, else `[lake] root` of the effective configuration (a
/// directory or `s3://bucket/prefix`, see `LakeAccess`). Carries the options every command
/// takes (`--config`, `--quiet`, `--verbose`, `--log-format`).
struct LakeLocation: ParsableArguments {
    @Option(help: "The lake directory or s3://bucket/prefix (default: [lake] root from the configuration).") var lake: String?
    @OptionGroup var global: GlobalOptions

    /// The lake to read (a lake on S3 is pulled first).
    func resolve() throws -> Lake { try open().lake }

    /// The lake and its access, whose `finish()` pushes what a writing command changed.
    func open() throws -> (lake: Lake, access: LakeAccess) {
        let logger = global.startLogging("rxpipe.lake")
        do {
            var config: RxpipeConfig
            if let lake, !lake.hasPrefix("s3://") {
                config = RxpipeConfig.defaults()
            } else {
                config = try ConfigLoader.load(path: global.config)
            }
            let access = try LakeAccess.open(&config, location: lake, logger: logger)
            return (Lake(root: access.root), access)
        } catch let error as ConfigError {
            ErrorOutput.write("\(error)", exitCode: 2)
            throw ExitCode(2)
        } catch let failure as CommandFailure {
            ErrorOutput.write("\(failure)", exitCode: failure.exitCode)
            throw ExitCode(failure.exitCode)
        }
    }
}

/// `rxpipe lake …`: list, inspect, export and import lake tables.
struct LakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake",
        abstract: "List, inspect, export and import the tables of the Parquet lake.",
        discussion: """
            A table is <lake>/<zone>/<table>/ with Hive partitions (year=2022/) and _manifest.json, \
            the commit record: only the files it lists are part of the table. Zones: raw, cleansed, \
            quarantine, curated.

            Examples:
              rxpipe lake ls
              rxpipe lake schema raw/prescriber_drug
              rxpipe lake head raw/prescriber_drug -n 5
              rxpipe lake export curated/generic_summary --format csv --out generic_summary.csv
              rxpipe lake import drugs.parquet raw/drug
            """,
        subcommands: [Ls.self, SchemaCmd.self, Head.self, Export.self, Import.self])

    struct Ls: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls",
            abstract: "List committed tables with version, rows, files and size.",
            discussion: """
                Examples:
                  rxpipe lake ls
                  rxpipe lake ls raw --lake /data/lake
                """)
        @OptionGroup var location: LakeLocation
        @Argument(help: "Only this zone (raw, cleansed, quarantine, curated).") var zone: String?

        func run() throws {
            let lake = try location.resolve()
            for t in try lake.tables(zone: zone) {
                let m = try lake.manifest(t)
                let bytes = m.files.reduce(0) { $0 + $1.bytes }
                let parts = m.partitionColumns.isEmpty ? "" : "\tpartitioned by \(m.partitionColumns.joined(separator: ","))"
                print("\(t)\tv\(m.version)\t\(m.rowCount) rows\t\(m.files.count) files\t\(bytes) bytes\(parts)")
            }
        }
    }

    struct SchemaCmd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print a table's columns, partitions and manifest summary.",
            discussion: """
                Example:
                  rxpipe lake schema raw/prescriber_drug
                """)
        @OptionGroup var location: LakeLocation
        @Argument(help: "<zone>/<table>") var table: String

        func run() throws {
            let m = try location.resolve().manifest(try Lake.TableName(parsing: table))
            for f in m.schema {
                let part = m.partitionColumns.contains(f.name) ? "\tpartition" : ""
                print("\(f.name)\t\(f.type)\t\(f.nullable ? "nullable" : "required")\(part)")
            }
            print("-- version \(m.version), \(m.rowCount) rows, \(m.files.count) files, content sha256 \(m.contentHash)")
        }
    }

    struct Head: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "head",
            abstract: "Print the first rows of a table as JSON Lines (or CSV).",
            discussion: """
                Examples:
                  rxpipe lake head raw/prescriber_drug
                  rxpipe lake head raw/prescriber_drug -n 3 --format csv
                """)
        @OptionGroup var location: LakeLocation
        @Argument(help: "<zone>/<table>") var table: String
        @Option(name: .short, parsing: .unconditional, help: "Number of rows.") var n: Int = 10

        func validate() throws {
            guard n >= 0 else { throw ValidationError("-n must be 0 or more, not \(n)") }
        }
        @Option(help: "Output format: jsonl or csv.") var format: RowFormat = .jsonl

        func run() throws {
            try LakeCommand.dump(try location.resolve(), table, format: format, limit: n, out: nil)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a whole table as CSV or JSON Lines.",
            discussion: """
                CSV protects spreadsheet users from formula injection: a text cell starting with =, \
                +, -, @, tab or carriage return is prefixed with a single quote ('). JSONL prints \
                numbers as JSON numbers, null as null, NaN/infinities as strings and dates as \
                "YYYY-MM-DD".

                Examples:
                  rxpipe lake export curated/generic_summary --format csv --out generic_summary.csv
                  rxpipe lake export raw/state --format jsonl
                """)
        @OptionGroup var location: LakeLocation
        @Argument(help: "<zone>/<table>") var table: String
        @Option(help: "Output format: csv or jsonl.") var format: RowFormat = .csv
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() throws {
            try LakeCommand.dump(try location.resolve(), table, format: format, limit: nil, out: out)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Commit Parquet files (from any tool) as a new version of a lake table.",
            discussion: """
                Reads the files row group by row group and writes a new table version with rxpipe's \
                writer, optionally Hive-partitioned. The table changes only at the commit (the \
                rename of _manifest.json); a crash before it leaves the previous version readable \
                and its leftovers are removed by the next write. Fails if another writer holds the \
                table's lock.

                A folder is read as a Hive dataset, as Spark writes one: its Parquet files under \
                column=value folders, whose values become columns (a whole number is an int32, \
                anything else a string); _SUCCESS, _committed_* and hidden files are skipped.

                Examples:
                  rxpipe lake import prescriber_drug.parquet raw/prescriber_drug --partition-by year
                  rxpipe lake import spark-out/prescriber_drug raw/prescriber_drug --partition-by year
                  rxpipe lake import a.parquet b.parquet raw/drug --compression zstd --level 9
                """)
        @OptionGroup var location: LakeLocation
        @Argument(help: "Parquet files or Hive dataset folders, then <zone>/<table> last.") var arguments: [String]
        @Option(help: "Comma-separated partition columns (Hive directories).") var partitionBy: String?
        @Option(help: "Input fingerprint recorded in the manifest.") var fingerprint: String?
        @OptionGroup var writer: WriterFlags

        func validate() throws {
            guard arguments.count >= 2 else { throw ValidationError("give at least one Parquet file and then <zone>/<table>") }
        }

        func run() throws {
            let name = try Lake.TableName(parsing: arguments.last!)
            let inputs = try ImportInputs(paths: Array(arguments.dropLast()))
            let (lake, access) = try location.open()
            let lock = try StageLock.hold(lakeRoot: lake.root)
            defer { lock.release() }
            let w = try TableWriter(lake: lake, table: name, schema: inputs.schema,
                                    partitionBy: partitionBy.map { $0.split(separator: ",").map(String.init) } ?? [],
                                    options: try writer.options(), inputFingerprint: fingerprint)
            try inputs.forEachBatch { try w.write($0) }
            let m = try w.commit()
            try access.finish()
            print("committed \(name) v\(m.version): \(m.rowCount) rows in \(m.files.count) files")
        }
    }

    static func dump(_ lake: Lake, _ table: String, format: RowFormat, limit: Int?, out path: String?) throws {
        let t = try lake.open(try Lake.TableName(parsing: table))
        let out = try OutputStream(path: path)
        var printer = RowPrinter(format: format, out: out, limit: limit)
        printer.header(t.schema.fields)
        struct Stop: Error {}
        do {
            try t.scan { batch in
                printer.print(batch)
                if printer.isDone { throw Stop() }
            }
        } catch is Stop {}
        out.close()
    }
}
