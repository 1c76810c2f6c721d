import Lake

/// `quarantine/<table>`: each rejected row's original values as text, then `rule`, `message`,
/// `_source`, `_line` (and `year` as the partition column where the source has one).
final class QuarantineSink {
    let table: String
    let columns: [String]
    private let partitioned: Bool
    private let output: FixedRowGroupWriter
    let redaction: Redaction
    private(set) var count = 0

    init(lake: Lake, table: String, columns: [String], partitionedByYear: Bool, redaction: Redaction, rowGroupRows: Int) throws {
        self.table = table
        self.columns = columns
        partitioned = partitionedByYear
        self.redaction = redaction
        var fields = columns.map { Field($0, .string) }
        if partitionedByYear { fields.append(Field("year", .int32, nullable: false)) }
        fields += [Field("rule", .string, nullable: false), Field("message", .string, nullable: false),
                   Field("_source", .string, nullable: false), Field("_line", .int64, nullable: false)]
        output = try FixedRowGroupWriter(
            lake: lake, table: try Lake.TableName(zone: "quarantine", table: table), schema: Schema(fields),
            partitionBy: partitionedByYear ? "year" : nil, rowGroupRows: rowGroupRows, rowsPerFile: rowGroupRows * 8)
    }

    /// The redacted original values of one row (`texts` in `columns` order).
    func values(_ texts: [String?]) -> [String?] {
        zip(columns, texts).map { redaction.apply(column: $0, $1) }
    }

    /// Adds a row; returns its values as quarantine stores them (for examples).
    @discardableResult
    func add(texts: [String?], year: Int32, rule: CleanseRule, message: String, source: String, line: Int64) throws -> [String: String?] {
        let stored = values(texts)
        try output.append(partition: year) { b in
            for (i, v) in stored.enumerated() { b[i].append(string: v) }
            var next = stored.count
            if partitioned {
                b[next].append(int32: year)
                next += 1
            }
            b[next].append(string: rule.id)
            b[next + 1].append(string: message)
            b[next + 2].append(string: source)
            b[next + 3].append(int64: line)
        }
        count += 1
        return Dictionary(zip(columns, stored), uniquingKeysWith: { a, _ in a })
    }

    func commit() throws -> TableManifest { try output.commit() }
}
