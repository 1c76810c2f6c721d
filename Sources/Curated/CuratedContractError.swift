import Lake

/// A curated table that does not hold what `CuratedSchemas` promises its readers: the site would
/// otherwise read a renamed column as missing values (zeros on every page).
public enum CuratedContractError: Error, Equatable, CustomStringConvertible {
    case missingColumn(table: String, column: String)
    case wrongType(table: String, column: String, expected: ColumnType, found: ColumnType)

    public var description: String {
        switch self {
        case .missingColumn(let table, let column):
            return "\(table) has no column \(column) (docs/tables.md): it was written by another rxpipe"
        case .wrongType(let table, let column, let expected, let found):
            return "\(table): column \(column) is \(found), not \(expected) (docs/tables.md)"
        }
    }

    /// Checks that `schema`, as stored for the curated `table`, has every contracted column
    /// with its type; columns beyond the contract are allowed (a newer writer may add some).
    public static func check(_ schema: Schema, table: String) throws(CuratedContractError) {
        guard let contract = CuratedSchemas.byTable[table] else { return }
        for field in contract.fields {
            guard let i = schema.index(of: field.name) else { throw .missingColumn(table: "curated/\(table)", column: field.name) }
            let found = schema.fields[i].type
            guard found == field.type else {
                throw .wrongType(table: "curated/\(table)", column: field.name, expected: field.type, found: found)
            }
        }
    }
}
