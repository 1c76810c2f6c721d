import Columnar
import Lake

/// Opening the cleansed inputs and checking their columns against the contract.
enum CleansedTable {
    static let prescriberDrug = "prescriber_drug"
    static let prescriber = "prescriber"
    static let drug = "drug"
    static let state = "state"

    /// The committed table `cleansed/<name>`, or nil when none is committed.
    static func openIfPresent(_ lake: Lake, _ name: String) throws -> LakeTable? {
        let tn = try Lake.TableName(zone: "cleansed", table: name)
        guard FileSystemProbe.exists(lake.directory(tn) + "/_manifest.json") else { return nil }
        return try lake.open(tn)
    }

    static func open(_ lake: Lake, _ name: String) throws -> LakeTable {
        guard let t = try openIfPresent(lake, name) else { throw TransformError.missingTable("cleansed/\(name)") }
        return t
    }

    /// Throws unless `table` has each column with one of the allowed types.
    static func require(_ table: LakeTable, _ columns: [(String, [ColumnType])]) throws {
        let schema = table.schema
        for (name, types) in columns {
            guard let i = schema.index(of: name) else {
                throw TransformError.badColumn(table: "cleansed/\(table.manifest.table)", column: name, problem: "is missing")
            }
            let t = schema.fields[i].type
            guard types.contains(t) else {
                throw TransformError.badColumn(table: "cleansed/\(table.manifest.table)", column: name,
                                               problem: "is \(t), expected \(types.map(\.rawValue).joined(separator: " or "))")
            }
        }
    }

    /// Throws when `column` of a batch holds a null.
    static func requireNonNull(_ column: ColumnVector, table: String, name: String, batch: Batch, file: String) throws {
        if column.validity?.contains(false) == true {
            throw TransformError.unexpectedNull(table: "cleansed/\(table)", column: name, file: file, rowGroup: batch.index)
        }
    }
}
