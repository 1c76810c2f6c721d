/// How `PostgresSource` connects and reads.
public struct PostgresSourceOptions: Sendable {
    /// libpq connection string or `postgres://` URI; empty: libpq's environment alone.
    public var conninfo: String
    public var names: SourceTableNames
    public var retry: PostgresRetryPolicy
    /// Per-statement limit in milliseconds (0: none).
    public var statementTimeoutMilliseconds: Int
    /// Rows per batch handed to the caller.
    public var batchRows: Int

    public init(
        conninfo: String, names: SourceTableNames = SourceTableNames(), retry: PostgresRetryPolicy = .none,
        statementTimeoutMilliseconds: Int = 0, batchRows: Int = 65_536
    ) {
        self.conninfo = conninfo
        self.names = names
        self.retry = retry
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.batchRows = max(1, batchRows)
    }
}

/// Reads the four source tables as one consistent snapshot (a `REPEATABLE READ, READ ONLY`
/// transaction) with binary `COPY (SELECT …) TO STDOUT`, streaming typed batches.
///
/// Every table and column is checked in `information_schema.columns` before any data flows, so
/// a missing one fails fast with its name. Columns are cast to their documented types in the
/// SELECT, so a source with e.g. `integer` instead of `bigint` still decodes exactly.
public struct PostgresSource: Sendable {
    public let options: PostgresSourceOptions

    public init(options: PostgresSourceOptions) { self.options = options }

    /// Streams every table (prescriber, drug, prescriber_drug, state) to `consume`, batch by
    /// batch; returns the rows read per table. `loadRejects`, when given, receives the rows
    /// `rxpipe db load` could not load (`LoadRejects`), read in the same snapshot.
    @discardableResult
    public func read(
        tables: [SourceTable] = SourceTable.allCases, loadRejects: (([LoadRejects.Row]) throws -> Void)? = nil,
        _ consume: (PostgresBatch) throws -> Void
    ) throws -> [SourceTable: Int] {
        let connection = try PostgresConnection(options.conninfo, retry: options.retry)
        try connection.execute("SET client_encoding = 'UTF8'")
        try connection.setStatementTimeout(milliseconds: options.statementTimeoutMilliseconds)
        return try connection.transaction("ISOLATION LEVEL REPEATABLE READ, READ ONLY") {
            for table in tables { try checkColumns(of: table, on: connection) }
            var counts: [SourceTable: Int] = [:]
            for table in tables { counts[table] = try copy(table, on: connection, consume) }
            if let loadRejects { try loadRejects(try LoadRejects.read(schema: options.names.schema, on: connection)) }
            return counts
        }
    }

    /// Fails with `missingTable` / `missingColumns` naming what is absent.
    func checkColumns(of table: SourceTable, on connection: PostgresConnection) throws {
        let schema = options.names.schema, name = options.names.name(of: table)
        let rows = try connection.query(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2",
            parameters: [schema, name])
        guard !rows.isEmpty else { throw PostgresError.missingTable(schema: schema, table: name) }
        let present = Set(rows.compactMap { $0[0] })
        let missing = table.columns.map(\.name).filter { !present.contains($0) }
        guard missing.isEmpty else { throw PostgresError.missingColumns(schema: schema, table: name, columns: missing) }
    }

    private func copy(_ table: SourceTable, on connection: PostgresConnection, _ consume: (PostgresBatch) throws -> Void) throws -> Int {
        let name = options.names.name(of: table)
        let select = try table.columns.map { "\(try connection.quoteIdentifier($0.name))::\($0.type.rawValue)" }
            .joined(separator: ", ")
        let from = try connection.qualifiedName(schema: options.names.schema, table: name)
        let sql = "COPY (SELECT \(select) FROM \(from)) TO STDOUT (FORMAT binary)"
        var decoder = PGBinaryCopyDecoder(expectedFieldCount: table.columns.count, context: "table \(name)")
        var builder = PostgresBatchBuilder(table: table, sourceName: name)
        var rows = 0
        try connection.copyOut(sql) { chunk in
            try decoder.feed(chunk, into: &builder)
            if builder.rowCount >= options.batchRows {
                rows += builder.rowCount
                try consume(builder.take())
            }
        }
        try decoder.finish()
        if builder.rowCount > 0 {
            rows += builder.rowCount
            try consume(builder.take())
        }
        return rows
    }
}
