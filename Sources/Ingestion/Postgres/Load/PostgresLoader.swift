import Foundation
import RxCore

/// How `PostgresLoader` connects.
public struct PostgresLoadOptions: Sendable {
    public var conninfo: String
    public var names: SourceTableNames
    public var retry: PostgresRetryPolicy
    public var statementTimeoutMilliseconds: Int
    /// Skipped rows listed per file in the report (all are counted).
    public var maxListedSkipsPerFile: Int
    /// A record longer than this is skipped (and reported) rather than held in memory.
    public var maxRecordBytes: Int

    public init(
        conninfo: String, names: SourceTableNames = SourceTableNames(), retry: PostgresRetryPolicy = .none,
        statementTimeoutMilliseconds: Int = 0, maxListedSkipsPerFile: Int = 200, maxRecordBytes: Int = 16 << 20
    ) {
        self.maxRecordBytes = maxRecordBytes
        self.conninfo = conninfo
        self.names = names
        self.retry = retry
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.maxListedSkipsPerFile = maxListedSkipsPerFile
    }
}

/// What one load did.
public struct PostgresLoadReport: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public let path: String
        public let year: Int
        /// Data records read (header excluded), loaded or not.
        public let records: Int
        public let loaded: Int
        public let skipped: Int
        /// The first `maxListedSkipsPerFile` skipped rows.
        public let listedSkips: [LoadSkip]
        /// Fields decoded as Windows-1252 because they were not valid UTF-8.
        public let repairedFields: Int
    }

    public let files: [File]
    /// prescriber_drug rows of the loaded years that were deleted first (a reload replaces them).
    public let replacedRows: Int
    /// Rows in each table after the load.
    public let tableRows: [SourceTable: Int]
    public let newDrugs: Int
}

/// `rxpipe db load`: stands up the four-table source database from CMS wide files.
///
/// Everything happens in one transaction, so a failure leaves the database as it was. The
/// tables are created if absent; each loaded year's prescriber_drug rows are replaced; the
/// dimension tables are upserted (prescriber: each NPI's most frequent attributes in the loaded
/// files; drug: a deterministic id per brand/generic pair; state: `StateReference`). Rows that
/// cannot be loaded are skipped, reported with file and line, and kept in `LoadRejects.table`
/// so the run that ingests the database quarantines and counts them.
public struct PostgresLoader: Sendable {
    public let options: PostgresLoadOptions

    public init(options: PostgresLoadOptions) { self.options = options }

    public func load(directory: String, progress: (Int) -> Void = { _ in }) throws -> PostgresLoadReport {
        let files = try CMSWideFile.list(in: directory)
        // Read the headers up front: a file rxpipe cannot use fails before anything is written.
        for file in files { _ = try CMSWideRowParser.roles(for: try CSVReader(path: file.path).header, file: file.path) }
        let connection = try PostgresConnection(options.conninfo, retry: options.retry)
        try connection.execute("SET client_encoding = 'UTF8'")
        try connection.setStatementTimeout(milliseconds: options.statementTimeoutMilliseconds)
        return try connection.transaction {
            try createTables(on: connection)
            var drugs = DrugCatalog(existing: try existingDrugs(on: connection))
            var votes = PrescriberVotes()
            let factTable = try connection.qualifiedName(schema: options.names.schema, table: options.names.prescriberDrug)
            let years = "{" + files.map { String($0.year) }.joined(separator: ",") + "}"
            let replaced = try connection.query(
                "WITH gone AS (DELETE FROM \(factTable) WHERE \(try connection.quoteIdentifier("year")) = ANY($1::integer[]) RETURNING 1) SELECT count(*) FROM gone",
                parameters: [years])
            var fileReports: [PostgresLoadReport.File] = []
            var rejects: [LoadRejects.Row] = []
            try connection.copyIn("COPY \(factTable) (\(try connection.columnList(.prescriberDrug))) FROM STDIN") { writer in
                for file in files {
                    fileReports.append(try loadFacts(file, drugs: &drugs, votes: &votes, rejects: &rejects, writer: writer, progress: progress))
                }
            }
            try LoadRejects.replace(years: files.map(\.year), with: rejects, schema: options.names.schema, on: connection)
            try upsertPrescribers(votes, on: connection)
            try insertDrugs(drugs.added, on: connection)
            try upsertStates(on: connection)
            var counts: [SourceTable: Int] = [:]
            for table in SourceTable.allCases {
                let name = try connection.qualifiedName(schema: options.names.schema, table: options.names.name(of: table))
                counts[table] = Int(try connection.query("SELECT count(*) FROM \(name)")[0][0] ?? "0") ?? 0
            }
            return PostgresLoadReport(
                files: fileReports, replacedRows: Int(replaced.first?.first.flatMap { $0 } ?? "0") ?? 0, tableRows: counts,
                newDrugs: drugs.added.count)
        }
    }
}

extension PostgresLoader {
    private func createTables(on connection: PostgresConnection) throws {
        try connection.execute("CREATE SCHEMA IF NOT EXISTS \(try connection.quoteIdentifier(options.names.schema))")
        for table in SourceTable.allCases { try connection.execute(try connection.createTableSQL(table, names: options.names)) }
    }

    private func existingDrugs(on connection: PostgresConnection) throws -> [(id: Int32, brand: String, generic: String)] {
        let name = try connection.qualifiedName(schema: options.names.schema, table: options.names.drug)
        return try connection.query("SELECT drug_id, brand_name, generic_name FROM \(name)").compactMap { row in
            guard let id = row[0].flatMap({ Int32($0) }) else { return nil }
            return (id, row[1] ?? "", row[2] ?? "")
        }
    }

    /// Streams one file's rows into the running COPY; blocks are parsed on all cores, then
    /// numbered and written in file order so the result never depends on timing.
    private func loadFacts(
        _ file: CMSWideFile, drugs: inout DrugCatalog, votes: inout PrescriberVotes, rejects: inout [LoadRejects.Row],
        writer: PostgresCopyWriter,
        progress: (Int) -> Void
    ) throws -> PostgresLoadReport.File {
        let reader = try CSVReader(path: file.path, maxRecordBytes: options.maxRecordBytes)
        let roles = try CMSWideRowParser.roles(for: reader.header, file: file.path)
        let path = file.path
        let name = (path as NSString).lastPathComponent
        var records = 0, loaded = 0, skipped = 0, repairs = 0
        var listed: [LoadSkip] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(5 << 20)
        let prefix = "\(file.year)\t"
        try reader.forEachBlock(
            parse: { block -> CMSWideRowParser in
                var parser = CMSWideRowParser(roles: roles, file: path)
                if block.oversized {
                    parser.skipOversized(line: block.firstLine)
                    return parser
                }
                CSVBlockParser.parse(block, into: &parser)
                return parser
            },
            consume: { parser in
                for row in parser.rows {
                    let drug = drugs.id(brand: row.brand, generic: row.generic)
                    votes.add(npi: row.npi, attributes: row.attributes)
                    buffer.append(contentsOf: "\(prefix)\(row.npi)\t\(drug)\t\(row.measures)\n".utf8)
                }
                records += parser.rows.count + parser.skips.count
                loaded += parser.rows.count
                skipped += parser.skips.count
                repairs += parser.repairs
                listed += parser.skips.prefix(max(0, options.maxListedSkipsPerFile - listed.count))
                rejects += parser.skips.map { LoadRejects.Row(year: file.year, source: name, line: $0.line, reason: $0.reason) }
                if buffer.count >= 4 << 20 {
                    try writer.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
                progress(parser.rows.count + parser.skips.count)
            })
        try writer.write(buffer)
        return .init(path: path, year: file.year, records: records, loaded: loaded, skipped: skipped, listedSkips: listed, repairedFields: repairs)
    }

    private func upsertPrescribers(_ votes: PrescriberVotes, on connection: PostgresConnection) throws {
        var text = ""
        for winner in votes.winners() { text += CopyText.row([String(winner.npi)] + winner.attributes) }
        try upsert(.prescriber, rows: text, on: connection)
    }

    private func insertDrugs(_ added: [(id: Int32, key: DrugCatalog.Key)], on connection: PostgresConnection) throws {
        guard !added.isEmpty else { return }
        let text = added.sorted { $0.id < $1.id }.map { CopyText.row([String($0.id), $0.key.brand, $0.key.generic]) }.joined()
        try upsert(.drug, rows: text, on: connection)
    }

    private func upsertStates(on connection: PostgresConnection) throws {
        let text = StateReference.all.map { state in
            CopyText.row([state.code, state.fips, state.name, state.region, state.division, state.population.map(String.init)])
        }.joined()
        try upsert(.state, rows: text, on: connection)
    }

    /// COPYs `rows` into a temporary twin of `table`, then inserts them, replacing rows with
    /// the same primary key (drug rows never change, so their conflicts are ignored).
    private func upsert(_ table: SourceTable, rows: String, on connection: PostgresConnection) throws {
        let target = try connection.qualifiedName(schema: options.names.schema, table: options.names.name(of: table))
        let stage = try connection.quoteIdentifier("rxpipe_stage_\(table.rawValue)")
        let columns = try connection.columnList(table)
        try connection.execute("CREATE TEMPORARY TABLE \(stage) (LIKE \(target)) ON COMMIT DROP")
        try connection.copyIn("COPY \(stage) (\(columns)) FROM STDIN") { try $0.write(Array(rows.utf8)) }
        let key = try connection.quoteIdentifier(table.primaryKey!)
        let updates = try table.columns.filter { $0.name != table.primaryKey }.map {
            let column = try connection.quoteIdentifier($0.name)
            return "\(column) = EXCLUDED.\(column)"
        }
        let action = table == .drug ? "DO NOTHING" : "DO UPDATE SET \(updates.joined(separator: ", "))"
        try connection.execute("INSERT INTO \(target) (\(columns)) SELECT \(columns) FROM \(stage) ON CONFLICT (\(key)) \(action)")
        try connection.execute("DROP TABLE \(stage)")
    }
}
