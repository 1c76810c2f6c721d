/// What can stop `rxpipe transform`. Every message names the table (and the key or column)
/// and says what to do; nothing in the curated zone changes when one is thrown.
public enum TransformError: Error, Equatable, CustomStringConvertible {
    /// A cleansed input table is not committed.
    case missingTable(String)
    /// A cleansed table lacks a column the transform needs, or has it with another type.
    case badColumn(table: String, column: String, problem: String)
    /// A column documented as non-null holds a null.
    case unexpectedNull(table: String, column: String, file: String, rowGroup: Int)
    /// A dimension key appears twice.
    case duplicateKey(table: String, key: String)
    /// A fact row whose key has no dimension row.
    case orphan(table: String, key: String, dimension: String)

    public var description: String {
        switch self {
        case .missingTable(let t):
            return "transform: \(t) is not committed; run `rxpipe cleanse` first"
        case .badColumn(let t, let c, let p):
            return "transform: \(t) column \(c) \(p); the table does not follow docs/tables.md — re-run `rxpipe cleanse`"
        case .unexpectedNull(let t, let c, let f, let g):
            return "transform: \(t) column \(c) is null in \(f) row group \(g), but the contract says never null; re-run `rxpipe cleanse`"
        case .duplicateKey(let t, let k):
            return "transform: \(t) holds \(k) more than once; a dimension needs one row per key — re-run `rxpipe cleanse`"
        case .orphan(let t, let k, let d):
            return "transform: \(t) row with \(k) has no row in \(d); re-run `rxpipe cleanse` so facts and dimensions come from one snapshot"
        }
    }
}
