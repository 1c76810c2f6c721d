import Columnar
import Lake

/// `cleansed/drug` in memory (≤ ~115 K rows): drug_id → dense drug index d, and each drug's
/// names, generic flag and generic group g (drugs sharing a generic_name exactly).
struct DrugDimension: Sendable {
    let drugIDs: [Int32]
    let brand: [String]
    let generic: [String]
    let isGeneric: [Bool]
    /// d → g.
    let genericOf: [Int32]
    /// g → generic name.
    let generics: [String]
    let index: DimensionIndex

    var count: Int { drugIDs.count }

    init(table: LakeTable) throws {
        try CleansedTable.require(table, [("drug_id", [.int32]), ("brand_name", [.string]), ("generic_name", [.string]), ("is_generic", [.boolean])])
        let stream = try RowGroupStream(table: table, columns: ["drug_id", "brand_name", "generic_name", "is_generic"])
        var ids = [Int32](), brands = [String](), genericNames = [String](), flags = [Bool]()
        for unit in stream.units {
            let batch = try stream.read(unit)
            for (k, name) in ["drug_id", "brand_name", "generic_name", "is_generic"].enumerated() {
                try CleansedTable.requireNonNull(batch.columns[k], table: CleansedTable.drug, name: name, batch: batch, file: unit.path)
            }
            ids += try ColumnAccess.int32(batch.columns[0])
            brands += try ColumnAccess.strings(batch.columns[1]).map { $0 ?? "" }
            genericNames += try ColumnAccess.strings(batch.columns[2]).map { $0 ?? "" }
            flags += try ColumnAccess.boolean(batch.columns[3])
        }
        do {
            index = try DimensionIndex(keys: ids.map { Int64($0) })
        } catch let e as DimensionIndex.DuplicateKey {
            throw TransformError.duplicateKey(table: "cleansed/drug", key: "drug_id \(e.key)")
        }
        var seenNames = Set<[String]>()
        var interner = StringInterner()
        var genericOf = [Int32]()
        for d in ids.indices {
            guard seenNames.insert([genericNames[d], brands[d]]).inserted else {
                throw TransformError.duplicateKey(table: "cleansed/drug", key: "generic \"\(genericNames[d])\" with brand \"\(brands[d])\"")
            }
            genericOf.append(interner.intern(genericNames[d]))
        }
        drugIDs = ids
        brand = brands
        generic = genericNames
        isGeneric = flags
        self.genericOf = genericOf
        generics = interner.strings
    }
}
