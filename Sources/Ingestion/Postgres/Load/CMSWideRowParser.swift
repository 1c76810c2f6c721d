import Foundation

/// The CMS wide columns `db load` reads, in CMS file order (`SampleGenerator.header`).
enum CMSWideColumn: Int, CaseIterable {
    case npi, lastOrgName, firstName, city, stateAbbr, stateFIPS, type, typeSource, brand, generic
    case claims, fills, daySupply, cost, benes, ge65Flag, ge65Claims, ge65Fills, ge65Cost, ge65DaySupply, ge65BeneFlag, ge65Benes

    var header: String { SampleGenerator.header[rawValue] }

    enum Kind { case integer, decimal, money, text }

    /// How a measure column is checked before it goes to PostgreSQL.
    var kind: Kind {
        switch self {
        case .claims, .daySupply, .benes, .ge65Claims, .ge65DaySupply, .ge65Benes: return .integer
        case .fills, .ge65Fills: return .decimal
        case .cost, .ge65Cost: return .money
        default: return .text
        }
    }

    static let prescriberAttributes: [CMSWideColumn] = [.lastOrgName, .firstName, .city, .stateAbbr, .stateFIPS, .type, .typeSource]
    /// prescriber_drug's columns after year, npi and drug_id.
    static let measures: [CMSWideColumn] = Array(allCases[CMSWideColumn.claims.rawValue...])
}

/// One loadable wide row, its measures already in COPY text form.
struct CMSWideRow: Sendable {
    let npi: Int64
    let attributes: [String]
    let brand: String
    let generic: String
    /// The 12 measure fields, tab-separated, no newline.
    let measures: String
}

/// A row `db load` could not load, with where it is and why.
public struct LoadSkip: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file) line \(line): \(reason)" }
}

/// Turns one block's records into `CMSWideRow`s, collecting the rows it must skip (ragged, or a
/// measure that is not a number of its column's type) instead of stopping.
struct CMSWideRowParser: CSVRecordSink {
    /// Header position → CMS column (nil for extra columns, which db load does not store).
    let roles: [CMSWideColumn?]
    let file: String
    private var fields: [String]
    private(set) var rows: [CMSWideRow] = []
    private(set) var skips: [LoadSkip] = []
    private(set) var repairs = 0

    init(roles: [CMSWideColumn?], file: String) {
        self.roles = roles
        self.file = file
        fields = Array(repeating: "", count: CMSWideColumn.allCases.count)
    }

    /// Maps a header to CMS columns by name, ignoring case; a missing column is an error.
    static func roles(for header: [String], file: String) throws -> [CMSWideColumn?] {
        let wanted = Dictionary(uniqueKeysWithValues: CMSWideColumn.allCases.map { ($0.header.lowercased(), $0) })
        var seen: Set<CMSWideColumn> = []
        let roles = try header.map { name -> CMSWideColumn? in
            guard let column = wanted[name.lowercased()] else { return nil }
            guard seen.insert(column).inserted else { throw CSVError.duplicateColumn(file: file, column: name) }
            return column
        }
        let missing = CMSWideColumn.allCases.filter { !seen.contains($0) }.map(\.header)
        guard missing.isEmpty else { throw CSVError.missingColumns(file: file, columns: missing) }
        return roles
    }

    mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        guard index < roles.count, let column = roles[index] else { return }
        let decoded: (text: String, repaired: Bool)
        if escaped {
            decoded = CSVFieldText.unescape(bytes).withUnsafeBufferPointer { CSVFieldText.decode($0) }
        } else {
            decoded = CSVFieldText.decode(bytes)
        }
        if decoded.repaired { repairs += 1 }
        fields[column.rawValue] = decoded.text
    }

    mutating func endRecord(line: Int, fieldCount: Int) {
        defer { for index in fields.indices { fields[index] = "" } }
        guard fieldCount == roles.count else {
            skip(line, "ragged row: \(fieldCount) fields, the header has \(roles.count)")
            return
        }
        let npiText = Self.trimmingSpaces(fields[CMSWideColumn.npi.rawValue])
        guard !npiText.isEmpty, npiText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let npi = Int64(npiText) else {
            skip(line, "column \(CMSWideColumn.npi.header): \"\(npiText)\" is not an NPI number")
            return
        }
        var measures = ""
        measures.reserveCapacity(96)
        for column in CMSWideColumn.measures {
            let text = Self.trimmingSpaces(fields[column.rawValue])
            if let problem = Self.problem(text, column) {
                skip(line, "column \(column.header): \"\(text)\" \(problem)")
                return
            }
            if column != .claims { measures += "\t" }
            measures += CopyText.field(text)
        }
        rows.append(
            CMSWideRow(
                npi: npi, attributes: CMSWideColumn.prescriberAttributes.map { fields[$0.rawValue] },
                brand: fields[CMSWideColumn.brand.rawValue], generic: fields[CMSWideColumn.generic.rawValue],
                measures: measures))
    }

    /// Why `text` cannot be loaded into `column`'s PostgreSQL type, or nil if it can.
    static func problem(_ text: String, _ column: CMSWideColumn) -> String? {
        guard !text.isEmpty else { return nil }
        switch column.kind {
        case .text:
            return nil
        case .integer:
            return Int32(text) == nil ? "is not an integer" : nil
        case .decimal:
            return PGDecimal(text) == nil ? "is not a number" : nil
        case .money:
            guard let value = PGDecimal(text) else { return "is not a number" }
            if value.scale > 2 { return "has more than 2 decimals (numeric(14,2) would round it)" }
            return value.significand.magnitude >= 100_000_000_000_000 / UInt64(pow10(2 - value.scale)) ? "is too large for numeric(14,2)" : nil
        }
    }

    /// `text` without surrounding spaces and tabs; cheap when there are none (almost always).
    static func trimmingSpaces(_ text: String) -> String {
        let utf8 = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return text }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[start...end])
    }

    private static func pow10(_ exponent: Int) -> Int { exponent <= 0 ? 1 : 10 * pow10(exponent - 1) }

    /// A record too long for the reader's limit (only its head was kept): skipped, not lost silently.
    mutating func skipOversized(line: Int) {
        skip(line, "record longer than the reader's limit; not loaded")
    }

    private mutating func skip(_ line: Int, _ reason: String) {
        skips.append(LoadSkip(file: file, line: line, reason: reason))
    }
}
