import Foundation
import Lake

/// Reads the four source tables from PostgreSQL (one consistent snapshot) into
/// `raw/prescriber`, `raw/drug`, `raw/prescriber_drug/year=YYYY/` and `raw/state`, typed as the
/// database declares them, with `_rescued` (fields with no value of their type: NUMERIC NaN and
/// ±Infinity, which cleanse quarantines), `_source` (schema.table) and `_line` (row number).
///
/// All four tables are written first and committed together at the end, so a failure while
/// reading leaves every previous raw table as it was.
public struct RawPostgresIngest: Sendable {
    public let lake: Lake
    public let options: PostgresSourceOptions

    public init(lake: Lake, options: PostgresSourceOptions) {
        self.lake = lake
        self.options = options
    }

    /// The raw-zone schema of a source table.
    static func schema(of table: SourceTable) -> Schema {
        var fields = table.columns.map { column -> Field in
            switch column.type {
            case .integer: return Field(column.name, .int32, nullable: column.name != "year")
            case .bigint: return Field(column.name, .int64)
            case .numeric: return Field(column.name, .double)
            case .money: return Field(column.name, .decimal)
            case .text: return Field(column.name, .string)
            }
        }
        fields += [Field("_rescued", .string), Field("_source", .string, nullable: false), Field("_line", .int64, nullable: false)]
        return Schema(fields)
    }

    /// Reads and commits; returns the committed manifests by table.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> [SourceTable: TableManifest] {
        var writers: [SourceTable: TableWriter] = [:]
        var rowsSoFar: [SourceTable: Int] = [:]
        for table in SourceTable.allCases {
            writers[table] = try TableWriter(
                lake: lake, table: try Lake.TableName(zone: "raw", table: table.rawValue), schema: Self.schema(of: table),
                partitionBy: table == .prescriberDrug ? ["year"] : [])
        }
        let source = PostgresSource(options: options)
        var rejects: [LoadRejects.Row] = []
        try source.read(loadRejects: { rejects = $0 }) { batch in
            let sourceName = "\(options.names.schema).\(options.names.name(of: batch.table))"
            let first = rowsSoFar[batch.table, default: 0]
            try writers[batch.table]!.write(Self.vectors(batch, source: sourceName, firstLine: first + 1))
            rowsSoFar[batch.table] = first + batch.rowCount
            progress?(batch.rowCount)
        }
        if !rejects.isEmpty { try writers[.prescriberDrug]!.write(Self.rejectVectors(rejects)) }
        var manifests: [SourceTable: TableManifest] = [:]
        for table in SourceTable.allCases { manifests[table] = try writers[table]!.commit() }
        return manifests
    }

    /// Converts one batch into the table's column vectors (nulls become validity); money
    /// columns become exact cents, the same values the CSV path parses from the same text.
    static func vectors(_ batch: PostgresBatch, source: String, firstLine: Int) throws -> [ColumnVector] {
        var vectors: [ColumnVector] = []
        for (column, values) in zip(batch.columns, batch.values) {
            switch values {
            case .integers(let items):
                let validity = items.contains(nil) ? items.map { $0 != nil } : nil
                if column.type == .integer {
                    vectors.append(ColumnVector(.int32(items.map { Int32(truncatingIfNeeded: $0 ?? 0) }), validity: validity))
                } else {
                    vectors.append(ColumnVector(.int64(items.map { $0 ?? 0 }), validity: validity))
                }
            case .decimals(let items):
                let validity = items.contains(nil) ? items.map { $0 != nil } : nil
                if column.type == .money {
                    let cents = try items.enumerated().map { row, item -> Int64 in
                        guard let item else { return 0 }
                        guard let c = item.cents else {
                            throw IngestError.inexactMoney(source: source, column: column.name, row: firstLine + row, value: item.description)
                        }
                        return c
                    }
                    vectors.append(ColumnVector(.decimal(cents), validity: validity))
                } else {
                    vectors.append(ColumnVector(.double(items.map { $0.map(Self.double) ?? 0 }), validity: validity))
                }
            case .texts(let items):
                let validity = items.contains(nil) ? items.map { $0 != nil } : nil
                vectors.append(ColumnVector(.string(StringArray(items.map { $0 ?? "" })), validity: validity))
            }
        }
        let rescued = batch.rescued.count == batch.rowCount ? batch.rescued : Array(repeating: nil, count: batch.rowCount)
        vectors.append(ColumnVector(
            .string(StringArray(rescued.map { $0 ?? "" })), validity: rescued.map { $0 != nil }))
        vectors.append(ColumnVector(.string(StringArray(Array(repeating: source, count: batch.rowCount)))))
        vectors.append(ColumnVector(.int64((0..<batch.rowCount).map { Int64(firstLine + $0) })))
        return vectors
    }

    /// Rows `rxpipe db load` could not load, as `raw/prescriber_drug` rows: the data year, every
    /// other source column null, the reason in `_rescued` (`{"_load_rejected": …}`, which cleanse
    /// quarantines as `load_rejected`), and the CMS file and line as `_source` and `_line`.
    static func rejectVectors(_ rows: [LoadRejects.Row]) -> [ColumnVector] {
        let n = rows.count, none = [Bool](repeating: false, count: n)
        var vectors: [ColumnVector] = []
        for field in schema(of: .prescriberDrug).fields {
            switch field.name {
            case "year": vectors.append(ColumnVector(.int32(rows.map { Int32(truncatingIfNeeded: $0.year) })))
            case "_rescued":
                vectors.append(ColumnVector(.string(StringArray(rows.map { Self.rejectJSON($0.reason) }))))
            case "_source": vectors.append(ColumnVector(.string(StringArray(rows.map(\.source)))))
            case "_line": vectors.append(ColumnVector(.int64(rows.map { Int64($0.line) })))
            default:
                switch field.type {
                case .int32: vectors.append(ColumnVector(.int32(Array(repeating: 0, count: n)), validity: none))
                case .int64: vectors.append(ColumnVector(.int64(Array(repeating: 0, count: n)), validity: none))
                case .double: vectors.append(ColumnVector(.double(Array(repeating: 0, count: n)), validity: none))
                case .decimal: vectors.append(ColumnVector(.decimal(Array(repeating: 0, count: n)), validity: none))
                default: vectors.append(ColumnVector(.string(StringArray(Array(repeating: "", count: n))), validity: none))
                }
            }
        }
        return vectors
    }

    static func rejectJSON(_ reason: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: ["_load_rejected": reason], options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The decimal as the nearest double: exact digits over an exact power of ten (one rounding),
    /// the same value the CSV path parses from the same text.
    static func double(_ decimal: PGDecimal) -> Double {
        FieldParsing.exactDecimal(significand: decimal.significand, scale: decimal.scale) ?? decimal.doubleValue
    }
}
