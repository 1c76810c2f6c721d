/// A committed table version: reads exactly the files its manifest lists, adding the
/// partition columns back from the manifest.
public struct LakeTable: Sendable {
    public let directory: String
    public let manifest: TableManifest

    public var schema: Schema { Schema(manifest.schema) }
    public var rowCount: Int { manifest.rowCount }

    /// Streams row groups of the projected columns, file by file. `predicate` prunes whole
    /// files by partition value and row groups by statistics.
    public func scan(columns names: [String]? = nil, where predicate: RowGroupPredicate? = nil,
                     options: ReadOptions = ReadOptions(), _ body: (RowGroupBatch) throws -> Void) throws {
        let schema = self.schema
        let wanted = names ?? schema.fields.map(\.name)
        for n in wanted where schema.index(of: n) == nil {
            throw LakeError.invalidInput("\(directory) has no column named \(n)")
        }
        let partitionCols = Set(manifest.partitionColumns)
        let fileColumns = wanted.filter { !partitionCols.contains($0) }
        for file in manifest.files {
            if let predicate, !partitionMayMatch(predicate, file.partition) { continue }
            let path = "\(directory)/\(file.path)"
            guard FileSystem.exists(path) else {
                throw LakeError.table(path: directory, reason: "file \(file.path) listed by the manifest is missing (the table was rewritten while reading, or damaged); read it again")
            }
            let pf = try ParquetFile(path: path)
            guard pf.rowCount == file.rows else {
                throw LakeError.table(path: directory, reason: "file \(file.path) holds \(pf.rowCount) rows but the manifest lists \(file.rows)")
            }
            try pf.scan(columns: fileColumns, where: predicate, options: options) { batch in
                var fields = [Field]()
                var cols = [ColumnVector]()
                for n in wanted {
                    let f = schema.fields[schema.index(of: n)!]
                    fields.append(f)
                    if partitionCols.contains(n) {
                        cols.append(try Self.constant(f, file.partition[n] ?? nil, rows: batch.rowCount))
                    } else {
                        cols.append(batch[n]!)
                    }
                }
                try body(RowGroupBatch(index: batch.index, rowCount: batch.rowCount, fields: fields, columns: cols))
            }
        }
    }

    private func partitionMayMatch(_ p: RowGroupPredicate, _ partition: [String: String?]) -> Bool {
        switch p {
        case .and(let ps): return ps.allSatisfy { partitionMayMatch($0, partition) }
        case .or(let ps): return ps.contains { partitionMayMatch($0, partition) }
        case .equals(let c, let v): return partitionMayMatch(.between(c, min: v, max: v), partition)
        case .between(let c, let lo, let hi):
            guard let raw = partition[c], let f = schema.fields.first(where: { $0.name == c }) else { return true }
            guard let text = raw, let value = try? Self.parse(text, f.type) else { return false }
            if let lo, let cmp = Value.compare(value, lo), cmp < 0 { return false }
            if let hi, let cmp = Value.compare(value, hi), cmp > 0 { return false }
            return true
        }
    }

    static func parse(_ text: String, _ type: ColumnType) throws -> Value {
        switch type {
        case .string: return .string(text)
        case .int64: if let v = Int64(text) { return .int64(v) }
        case .int32: if let v = Int32(text) { return .int32(v) }
        case .boolean: if text == "true" || text == "false" { return .boolean(text == "true") }
        case .date:
            let p = text.split(separator: "-").compactMap { Int64($0) }
            if p.count == 3 { return .date(Int32(truncatingIfNeeded: DateFormatting.days(year: p[0], month: p[1], day: p[2]))) }
        case .double: if let v = Double(text) { return .double(v) }
        case .decimal: if case .success(let v) = Cents.parse(text) { return .decimal(v) }
        case .timestamp: break
        }
        throw LakeError.invalidInput("partition value \(text) is not a valid \(type)")
    }

    static func constant(_ f: Field, _ text: String?, rows: Int) throws -> ColumnVector {
        let v = try text.map { try parse($0, f.type) } ?? .null
        return try ColumnVector.from(Array(repeating: v, count: rows), type: f.type)
    }
}
