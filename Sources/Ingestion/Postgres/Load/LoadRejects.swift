import Foundation

/// `rxpipe_load_rejects`, beside the four source tables: every row `rxpipe db load` could not
/// load (ragged, a measure that is not a number, a record over the size limit), with its data
/// year, file name and line. A row that never reached the database is still a row of the CMS
/// file: `rxpipe ingest` reads this table in the same snapshot as the four tables and puts each
/// reject into `raw/prescriber_drug` (null figures, the reason in `_rescued`), so cleanse
/// quarantines it (`load_rejected`) and the run's reconciliation counts it.
public enum LoadRejects {
    public static let table = "rxpipe_load_rejects"

    /// One rejected row as stored: `source` is the file's name (as `_source` holds file names).
    public struct Row: Sendable, Equatable {
        public let year: Int
        public let source: String
        public let line: Int
        public let reason: String

        public init(year: Int, source: String, line: Int, reason: String) {
            self.year = year
            self.source = source
            self.line = line
            self.reason = reason
        }
    }

    static func createSQL(schema: String, on connection: PostgresConnection) throws -> String {
        let name = try connection.qualifiedName(schema: schema, table: table)
        return "CREATE TABLE IF NOT EXISTS \(name) (year integer NOT NULL, source text NOT NULL, line bigint NOT NULL, "
            + "reason text NOT NULL, PRIMARY KEY (year, source, line))"
    }

    /// Replaces the rejects of `years` (a reload of a year replaces its rows, as for facts).
    static func replace(years: [Int], with rows: [Row], schema: String, on connection: PostgresConnection) throws {
        try connection.execute(try createSQL(schema: schema, on: connection))
        let name = try connection.qualifiedName(schema: schema, table: table)
        try connection.query("DELETE FROM \(name) WHERE year = ANY($1::integer[])",
                             parameters: ["{" + years.map(String.init).joined(separator: ",") + "}"])
        guard !rows.isEmpty else { return }
        let text = rows.map { CopyText.row([String($0.year), $0.source, String($0.line), $0.reason]) }.joined()
        try connection.copyIn("COPY \(name) (year, source, line, reason) FROM STDIN") { try $0.write(Array(text.utf8)) }
    }

    /// The stored rejects, in (year, source, line) order; none when the table does not exist
    /// (a database not loaded by rxpipe).
    static func read(schema: String, on connection: PostgresConnection) throws -> [Row] {
        let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL",
                                          parameters: [try connection.qualifiedName(schema: schema, table: table)])
        guard exists.first?.first == "t" else { return [] }
        let name = try connection.qualifiedName(schema: schema, table: table)
        return try connection.query("SELECT year, source, line, reason FROM \(name) ORDER BY year, source, line").map { r in
            Row(year: Int(r[0] ?? "") ?? 0, source: r[1] ?? "", line: Int(r[2] ?? "") ?? 0, reason: r[3] ?? "")
        }
    }
}
