import ArgumentParser
import Foundation
import Lake

extension RowFormat: ExpressibleByArgument {}

/// `rxpipe parquet …`: read any Parquet file (rxpipe's, DuckDB's, pyarrow's, Spark's).
struct ParquetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Inspect and convert single Parquet files written by any tool.",
        discussion: """
            Reads flat Parquet files with codecs UNCOMPRESSED, SNAPPY, GZIP and ZSTD, data pages v1 \
            and v2, and the PLAIN, dictionary, RLE, DELTA_* and BYTE_STREAM_SPLIT encodings.

            Examples:
              rxpipe parquet schema part-0.parquet
              rxpipe parquet meta part-0.parquet
              rxpipe parquet cat part-0.parquet --columns npi,drug -n 5
              rxpipe parquet convert from_spark.parquet clean.parquet --level 9
            """,
        subcommands: [Cat.self, SchemaCmd.self, Meta.self, Scan.self, Convert.self])

    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cat",
            abstract: "Print rows as JSON Lines or CSV.",
            discussion: """
                JSONL prints one object per row keyed by column name: numbers as JSON numbers \
                (doubles in the shortest form that reads back exactly), null as null, NaN and \
                infinities as "NaN", "Infinity", "-Infinity", dates as "YYYY-MM-DD", timestamps \
                (Spark's INT96 or TIMESTAMP in any unit) as "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" in UTC. CSV protects \
                spreadsheet users from formula injection: a text cell starting with =, +, -, @, tab \
                or carriage return is prefixed with a single quote ('). A null is an empty field and \
                an empty string is "".

                Examples:
                  rxpipe parquet cat part-0.parquet
                  rxpipe parquet cat part-0.parquet --format csv --columns npi,tot_clms -n 100
                """)

        @Argument(help: "The Parquet file to read.") var file: String
        @OptionGroup var global: GlobalOptions
        @Option(help: "Output format: jsonl or csv.") var format: RowFormat = .jsonl
        @Option(help: "Comma-separated columns to print (default: all).") var columns: String?
        @Option(name: .short, parsing: .unconditional, help: "Print at most N rows.") var n: Int?

        func validate() throws {
            if let n, n < 0 { throw ValidationError("-n must be 0 or more, not \(n)") }
        }

        func run() throws {
            let file = try ParquetFile(path: file)
            let out = try OutputStream(path: nil)
            var printer = RowPrinter(format: format, out: out, limit: n)
            let names = columns.map { $0.split(separator: ",").map(String.init) }
            let indices = try file.columnIndices(names)
            printer.header(try indices.map { i -> Field in
                let c = file.columns[i]
                guard let f = c.type.map({ Field(c.name, $0, nullable: c.nullable) }) else {
                    throw LakeError.unsupported(file: file.path, column: c.name, feature: c.unsupported ?? "this column")
                }
                return f
            })
            for g in 0..<file.rowGroupCount where !printer.isDone {
                printer.print(try file.readRowGroup(g, columnIndices: indices))
            }
            out.close()
        }
    }

    struct SchemaCmd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the columns: name, rxpipe type, Parquet type, annotation, nullability.",
            discussion: """
                Columns rxpipe cannot read (nested, TIME, DECIMAL with more than 2 decimals) are listed with the reason.

                Example:
                  rxpipe parquet schema part-0.parquet
                """)

        @Argument(help: "The Parquet file to read.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let f = try ParquetFile(path: file)
            for c in f.columns {
                let type = c.type.map(\.description) ?? "unsupported: \(c.unsupported ?? "?")"
                let physical = c.physicalType?.description ?? "?"
                let note = c.annotation.map { " \($0)" } ?? ""
                print("\(c.name)\t\(type)\t\(physical)\(note)\t\(c.nullable ? "nullable" : "required")")
            }
        }
    }

    struct Meta: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "meta",
            abstract: "Print the footer: writer, key-value metadata, row groups, codecs, encodings, statistics.",
            discussion: """
                Example:
                  rxpipe parquet meta part-0.parquet
                """)

        @Argument(help: "The Parquet file to read.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let f = try ParquetFile(path: file)
            let m = f.metadata
            print("file: \(file)")
            print("created_by: \(m.createdBy ?? "(not set)")")
            print("format version: \(m.version)")
            print("rows: \(m.numRows)")
            print("row groups: \(m.rowGroups.count)")
            for kv in m.keyValueMetadata {
                let v = kv.value ?? ""
                print("metadata \(kv.key): \(v.count > 200 ? String(v.prefix(200)) + "…" : v)")
            }
            for (g, rg) in m.rowGroups.enumerated() {
                print("row group \(g): \(rg.numRows) rows, \(rg.totalCompressedSize ?? 0) bytes compressed, \(rg.totalByteSize) uncompressed")
                for (c, chunk) in rg.columns.enumerated() {
                    guard let cm = chunk.metaData else { continue }
                    let codec = CompressionCodec(rawValue: cm.codec)?.description ?? "codec \(cm.codec)"
                    let enc = cm.encodings.map { Encoding(rawValue: $0)?.description ?? "\($0)" }.joined(separator: ",")
                    var stats = ""
                    if let s = f.statistics(rowGroup: g, column: c) {
                        stats = " nulls=\(s.nullCount.map(String.init) ?? "?") min=\(s.min.map { "\($0)" } ?? "-") max=\(s.max.map { "\($0)" } ?? "-")"
                        if let nan = s.nanCount { stats += " nans=\(nan)" }
                    }
                    print("  \(f.columns[c].name): \(codec) [\(enc)] \(cm.totalCompressedSize) bytes\(stats)")
                }
            }
        }
    }

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Decode every value of the chosen columns and print per-column counts.",
            discussion: """
                Checks that a file decodes completely, and times rxpipe's reader: it decodes the \
                projected columns row group by row group (in parallel) and prints, per column, the \
                number of values and nulls.

                Examples:
                  rxpipe parquet scan part-0.parquet
                  rxpipe parquet scan part-0.parquet --columns npi,drug,tot_clms,tot_drug_cst
                """)

        @Argument(help: "The Parquet file to read.") var file: String
        @OptionGroup var global: GlobalOptions
        @Option(help: "Comma-separated columns to decode (default: all).") var columns: String?

        func run() throws {
            let f = try ParquetFile(path: file)
            let names = columns.map { $0.split(separator: ",").map(String.init) }
            var nulls: [Int] = []
            var rows = 0
            var fields: [Field] = []
            try f.scan(columns: names) { batch in
                if nulls.isEmpty { nulls = Array(repeating: 0, count: batch.columns.count); fields = batch.fields }
                for (i, c) in batch.columns.enumerated() { nulls[i] += c.nullCount }
                rows += batch.rowCount
            }
            for (i, field) in fields.enumerated() { print("\(field.name)\tvalues=\(rows)\tnulls=\(nulls[i])") }
            print("rows\t\(rows)")
        }
    }

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Rewrite a Parquet file with rxpipe's writer.",
            discussion: """
                Reads every row group of INPUT and writes OUTPUT with rxpipe's encodings and codec \
                (ZSTD level 3, dictionaries, statistics by default). Useful to normalise files other \
                tools wrote, and to check interoperability.

                Examples:
                  rxpipe parquet convert spark.parquet out.parquet
                  rxpipe parquet convert in.parquet out.parquet --compression none --no-dictionary
                """)

        @Argument(help: "The Parquet file to read.") var input: String
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The Parquet file to write.") var output: String
        @OptionGroup var writer: WriterFlags

        func run() throws {
            let f = try ParquetFile(path: input)
            let w = try ParquetWriter(path: output, schema: try f.schema(), options: try writer.options())
            for g in 0..<f.rowGroupCount { try w.write(try f.readRowGroup(g).columns) }
            let done = try w.close()
            print("wrote \(done.rows) rows in \(done.rowGroups) row groups, \(done.bytes) bytes to \(output)")
        }
    }
}

/// Writer settings shared by the commands that write Parquet.
struct WriterFlags: ParsableArguments {
    @Option(help: "Page compression: zstd, gzip or none.") var compression: String = "zstd"
    @Option(parsing: .unconditional, help: "Compression level (zstd 1…22, gzip 1…9).") var level: Int32 = 3
    @Flag(help: "Write PLAIN values only (no dictionary pages).") var noDictionary = false
    @Option(parsing: .unconditional, help: "Rows per row group.") var rowGroupRows: Int = 1 << 20
    @Option(parsing: .unconditional, help: "Target uncompressed bytes per data page (at least 1024).") var pageSize: Int = 1 << 20

    func validate() throws {
        switch compression {
        case "zstd": guard 1...22 ~= level else { throw ValidationError("--level must be 1…22 for zstd, not \(level)") }
        case "gzip": guard 1...9 ~= level else { throw ValidationError("--level must be 1…9 for gzip, not \(level)") }
        default: break
        }
        guard rowGroupRows >= 1 else { throw ValidationError("--row-group-rows must be at least 1, not \(rowGroupRows)") }
        guard pageSize >= 1024 else { throw ValidationError("--page-size must be at least 1024, not \(pageSize)") }
    }
    @Flag(help: "Encode columns on one thread only.") var singleThread = false

    func options() throws -> WriterOptions {
        var o = WriterOptions()
        switch compression {
        case "zstd": o.compression = .zstd(level: level)
        case "gzip": o.compression = .gzip(level: level)
        case "none", "uncompressed": o.compression = .uncompressed
        default: throw ValidationError("--compression must be zstd, gzip or none")
        }
        o.dictionary = !noDictionary
        o.rowGroupRows = rowGroupRows
        o.pageSize = pageSize
        o.parallel = !singleThread
        return o
    }
}
