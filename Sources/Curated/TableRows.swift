import Lake

/// A small lake table read whole into memory (the curated tables are small by design).
public struct TableRows: Sendable {
    public let columns: [String]
    public private(set) var rows: [[Value]]
    private let index: [String: Int]

    public init(columns: [String], rows: [[Value]]) {
        self.columns = columns
        self.rows = rows
        var index: [String: Int] = [:]
        for (i, name) in columns.enumerated() { index[name] = i }
        self.index = index
    }

    /// The curated `table` of `lake` for a reader of today's contract: checked against
    /// `CuratedSchemas` first (`CuratedContractError` names the table and the column), then read.
    /// (Run snapshots of older versions are read with `read`, which takes any schema.)
    public static func readCurated(_ lake: Lake, table: String, columns: [String]? = nil) throws -> TableRows {
        let t = try lake.open(try Lake.TableName(zone: "curated", table: table))
        try CuratedContractError.check(t.schema, table: table)
        return try read(t, columns: columns)
    }

    /// Reads `columns` of `zone/table` (all columns when nil), in stored order.
    public static func read(_ lake: Lake, zone: String, table: String, columns: [String]? = nil) throws -> TableRows {
        try read(try lake.open(try Lake.TableName(zone: zone, table: table)), columns: columns)
    }

    private static func read(_ t: LakeTable, columns: [String]?) throws -> TableRows {
        let names = columns ?? t.schema.fields.map(\.name)
        var rows: [[Value]] = []
        rows.reserveCapacity(t.rowCount)
        try t.scan(columns: names, options: ReadOptions()) { batch in
            let cols = names.map { batch[$0]! }
            for r in 0..<batch.rowCount { rows.append(cols.map { $0.value(at: r) }) }
        }
        return TableRows(columns: names, rows: rows)
    }

    public func column(_ name: String) -> Int? { index[name] }

    /// A typed view of row `r`.
    public func row(_ r: Int) -> Row { Row(values: rows[r], index: index) }

    public var allRows: [Row] { rows.map { Row(values: $0, index: index) } }

    public struct Row: Sendable {
        let values: [Value]
        let index: [String: Int]

        public func value(_ name: String) -> Value { index[name].map { values[$0] } ?? .null }

        public func string(_ name: String) -> String? {
            if case .string(let s) = value(name) { return s }
            return nil
        }
        public func int(_ name: String) -> Int? {
            switch value(name) {
            case .int32(let v): return Int(v)
            case .int64(let v): return Int(v)
            default: return nil
            }
        }
        /// Numbers as doubles; money (DECIMAL) as the nearest double of its dollars, for charts
        /// and formatted text (exact amounts: `cents`).
        public func double(_ name: String) -> Double? {
            switch value(name) {
            case .double(let v): return v
            case .decimal(let v): return Cents.double(v)
            case .int32(let v): return Double(v)
            case .int64(let v): return Double(v)
            default: return nil
            }
        }
        public func bool(_ name: String) -> Bool? {
            if case .boolean(let b) = value(name) { return b }
            return nil
        }
    }
}
