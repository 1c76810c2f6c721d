import RxCore

/// Where every raw row of one table went: raw = cleansed + quarantined + duplicates dropped.
public struct Reconciliation: Codable, Sendable, Equatable {
    /// The raw table, e.g. `raw/cms_prescriber_drug`.
    public let source: String
    /// The cleansed table its rows feed.
    public let target: String
    public let raw: Int
    /// Rows accepted (for a dimension source: rows that passed and feed the cleansed dimension).
    public let cleansed: Int
    public let quarantined: Int
    public let duplicatesDropped: Int
    /// CSV sources: every physical line of the files (header included), the lines that are
    /// no record of their own — header lines and blank lines skipped (`skipped_lines`), lines
    /// inside records spanning several lines (`lines_inside_records`: newlines in quoted
    /// fields, or a runaway quote) — so that physical lines = raw + skipped + inside.
    public var physicalLines: Int? = nil
    public var skippedLines: Int? = nil
    public var linesInsideRecords: Int? = nil

    enum CodingKeys: String, CodingKey {
        case source, target, raw, cleansed, quarantined
        case duplicatesDropped = "duplicates_dropped"
        case physicalLines = "physical_lines", skippedLines = "skipped_lines", linesInsideRecords = "lines_inside_records"
    }

    /// `raw/cms_prescriber_drug → cleansed/prescriber_drug`, as the quality page and run records name it.
    public var name: String { "\(source) → \(target)" }

    public var balances: Bool {
        guard raw == cleansed + quarantined + duplicatesDropped else { return false }
        guard let physicalLines else { return true }
        return physicalLines == raw + (skippedLines ?? 0) + (linesInsideRecords ?? 0)
    }

    /// Adds the line account of the CSV files a raw table was read from (nil: not from CSV).
    func withLines(_ accounts: [SourceFileAccount]?) -> Reconciliation {
        guard let accounts, !accounts.isEmpty else { return self }
        var copy = self
        copy.physicalLines = accounts.reduce(0) { $0 + $1.physicalLines }
        copy.skippedLines = accounts.reduce(0) { $0 + $1.leadingBlankLines + $1.headerLines + $1.blankLines }
        copy.linesInsideRecords = accounts.reduce(0) { $0 + $1.recordLines - $1.records }
        return copy
    }

    /// Throws `CleanseError.reconciliation` unless the identity holds.
    func check() throws {
        if let physicalLines, raw == cleansed + quarantined + duplicatesDropped, !balances {
            throw CleanseError.lineReconciliation(
                table: source, physical: physicalLines, raw: raw, skipped: skippedLines ?? 0, inside: linesInsideRecords ?? 0)
        }
        guard balances else {
            throw CleanseError.reconciliation(table: source, raw: raw, cleansed: cleansed, quarantined: quarantined, duplicates: duplicatesDropped)
        }
    }
}
