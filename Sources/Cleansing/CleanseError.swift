/// Why `rxpipe cleanse` failed. Messages say what, where, and what to do.
public enum CleanseError: Error, Equatable, CustomStringConvertible {
    /// The lake holds no raw table cleanse can read.
    case noRawTable(lake: String)
    /// Some of the four PostgreSQL raw tables are committed, not all.
    case missingRawTables(lake: String, missing: [String])
    /// A raw table lacks a column cleanse needs.
    case missingColumn(table: String, column: String)
    /// Pseudonymisation is on but the key is not in the environment.
    case missingPseudonymKey(variable: String)
    /// The key is too short to be a secret.
    case weakPseudonymKey(variable: String, bytes: Int)
    /// raw ≠ cleansed + quarantined + duplicates dropped.
    case reconciliation(table: String, raw: Int, cleansed: Int, quarantined: Int, duplicates: Int)
    /// physical lines ≠ raw rows + skipped lines + lines inside multi-line records.
    case lineReconciliation(table: String, physical: Int, raw: Int, skipped: Int, inside: Int)

    public var description: String {
        switch self {
        case .noRawTable(let lake):
            return "cleanse: no raw table in \(lake): expected raw/cms_prescriber_drug (CMS files) or raw/prescriber_drug with raw/prescriber, raw/drug and raw/state (PostgreSQL); run `rxpipe ingest` first"
        case .missingRawTables(let lake, let missing):
            return "cleanse: \(lake) holds only part of the PostgreSQL raw layout: \(missing.joined(separator: ", ")) missing; run `rxpipe ingest` again"
        case .missingColumn(let table, let column):
            return "cleanse: \(table) has no column \(column); re-run `rxpipe ingest` with this rxpipe version"
        case .missingPseudonymKey(let variable):
            return "cleanse: [privacy] pseudonymize is on but \(variable) is not set; export a secret key (32+ random bytes) in \(variable), or turn pseudonymisation off"
        case .weakPseudonymKey(let variable, let bytes):
            return "cleanse: \(variable) holds \(bytes) bytes; a pseudonym key needs at least 16"
        case .lineReconciliation(let table, let physical, let raw, let skipped, let inside):
            return "cleanse: \(table) does not reconcile with its source files: \(physical) physical lines, but \(raw) rows + \(skipped) header and blank lines + \(inside) lines inside multi-line records = \(raw + skipped + inside); re-run `rxpipe ingest`; nothing was committed"
        case .reconciliation(let table, let raw, let cleansed, let quarantined, let duplicates):
            return "cleanse: \(table) does not reconcile: \(raw) raw rows, but \(cleansed) cleansed + \(quarantined) quarantined + \(duplicates) duplicates dropped = \(cleansed + quarantined + duplicates); nothing was committed"
        }
    }
}
