import Foundation

/// Where every physical line of one source CSV file went at ingest, and what its bytes held.
///
/// Ingest records one per file in the raw table's manifest (`properties["rxpipe.ingest.files"]`);
/// cleanse reconciles physical lines, and decides on Windows-1252 repairs, from it.
/// `physicalLines = leadingBlankLines + headerLines + blankLines + recordLines` always holds
/// (ingest fails otherwise); `recordLines - records` lines sit inside records that span more
/// than one line (newlines in quoted fields, or a runaway quote).
public struct SourceFileAccount: Codable, Sendable, Equatable {
    /// How a file's text is decoded.
    public enum Encoding: String, Codable, Sendable {
        /// Valid UTF-8 (or plain ASCII) throughout.
        case utf8 = "utf-8"
        /// Not UTF-8 anywhere it has non-ASCII bytes: decoded as Windows-1252 (repaired).
        case windows1252 = "windows-1252"
        /// UTF-8 with some fields that are not: those rows are quarantined.
        case mixed
    }

    /// The file name, as in `_source`.
    public var source: String
    public var physicalLines: Int
    public var leadingBlankLines: Int
    public var headerLines: Int
    /// Empty lines between records, skipped.
    public var blankLines: Int
    /// Records (raw rows) and the physical lines they cover.
    public var records: Int
    public var recordLines: Int
    public var encoding: Encoding
    /// Non-ASCII fields that are valid UTF-8, and that are not.
    public var utf8Fields: Int
    public var invalidUTF8Fields: Int
    public var nulFields: Int
    /// Quoted fields with text after the closing quote (`"O\"BRIEN"`).
    public var quoteErrorFields: Int
    /// Unquoted fields holding a quote (`O"BRIEN`), kept as written.
    public var strayQuoteFields: Int

    public init(source: String, physicalLines: Int, leadingBlankLines: Int, headerLines: Int, blankLines: Int, records: Int,
                recordLines: Int, encoding: Encoding, utf8Fields: Int, invalidUTF8Fields: Int, nulFields: Int,
                quoteErrorFields: Int, strayQuoteFields: Int) {
        self.source = source
        self.physicalLines = physicalLines
        self.leadingBlankLines = leadingBlankLines
        self.headerLines = headerLines
        self.blankLines = blankLines
        self.records = records
        self.recordLines = recordLines
        self.encoding = encoding
        self.utf8Fields = utf8Fields
        self.invalidUTF8Fields = invalidUTF8Fields
        self.nulFields = nulFields
        self.quoteErrorFields = quoteErrorFields
        self.strayQuoteFields = strayQuoteFields
    }

    enum CodingKeys: String, CodingKey {
        case source, records, encoding
        case physicalLines = "physical_lines", leadingBlankLines = "leading_blank_lines", headerLines = "header_lines"
        case blankLines = "blank_lines", recordLines = "record_lines", utf8Fields = "utf8_fields"
        case invalidUTF8Fields = "invalid_utf8_fields", nulFields = "nul_fields", quoteErrorFields = "quote_error_fields"
        case strayQuoteFields = "stray_quote_fields"
    }

    /// Lines that are not a record of their own: before and in the header, blank, and inside
    /// records that span several lines.
    public var linesOutsideRecords: Int { physicalLines - records }

    public var balances: Bool { physicalLines == leadingBlankLines + headerLines + blankLines + recordLines }

    /// The manifest property that holds the accounts.
    public static let propertyKey = "rxpipe.ingest.files"

    public static func encode(_ accounts: [SourceFileAccount]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(accounts)) ?? Data("[]".utf8), as: UTF8.self)
    }

    public static func decode(_ properties: [String: String]?) -> [SourceFileAccount]? {
        guard let text = properties?[propertyKey] else { return nil }
        return try? JSONDecoder().decode([SourceFileAccount].self, from: Data(text.utf8))
    }
}
