import Foundation

/// The profile file format, `profiles/<zone>/<table>.json` (docs/profile-schema.md): written by
/// `ProfileStore` from a `TableProfile`, read back by the site, which passes it through
/// `redacted(by:)` first. One definition for writer and reader: a renamed key fails to decode
/// with its path named instead of showing up as a zero.
public struct ProfileDocument: Codable, Equatable, Sendable {
    public static let schemaVersion = 2

    public var schemaVersion: Int
    public var zone: String
    public var table: String
    public var tableVersion: Int
    public var contentHash: String
    public var rows: Int
    public var columns: Int
    public var sizeBytes: Int
    public var duplicateRows: Int
    public var duplicateRowShare: Double?
    public var missingCells: Int
    public var missingCellsShare: Double?
    public var passes: Int
    public var belowMinRows: Bool
    public var settings: Settings
    public var columnProfiles: [ColumnDocument]
    public var correlations: Correlations
    public var alerts: [AlertDocument]
    /// Only in a published profile: the policy it passed (`redacted(by:)`).
    public var disclosure: Disclosure?

    public struct Settings: Codable, Equatable, Sendable {
        public var exactMemoryMb: Int
        public var distinctExactMb: Int
        public var histogramBins: Int
        public var logHistogramMinRatio: Double
        public var spearmanMaxRows: Int
        public var minRows: Int
        public var flagMaxDistinct: Int
        public var highCardinalityDistinct: Int
        public var highMissingShare: Double
        public var uniqueShare: Double
        public var correlationThreshold: Double
        public var skewnessThreshold: Double
        public var zerosShare: Double
        public var imbalanceThreshold: Double
        public var suppressedShare: Double
    }

    public struct Correlations: Codable, Equatable, Sendable {
        /// The measure columns, the order of both matrices.
        public var columns: [String]
        /// Why the matrices are empty, or null.
        public var note: String?
        public var pearson: [[Double?]]
        public var spearman: [[Double?]]
        public var spearmanRows: Int
        public var spearmanRowStride: Int

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(columns, forKey: .columns)
            try c.encode(note, forKey: .note)
            try c.encode(pearson, forKey: .pearson)
            try c.encode(spearman, forKey: .spearman)
            try c.encode(spearmanRows, forKey: .spearmanRows)
            try c.encode(spearmanRowStride, forKey: .spearmanRowStride)
        }
    }

    public struct AlertDocument: Codable, Equatable, Sendable {
        public var type: String
        public var columns: [String]
        public var value: Double
        public var threshold: Double?
        /// Correlation alerts: `pearson` or `spearman`.
        public var measure: String?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(type, forKey: .type)
            try c.encode(columns, forKey: .columns)
            try c.encode(value, forKey: .value)
            try c.encode(threshold, forKey: .threshold)
            try c.encodeIfPresent(measure, forKey: .measure)
        }
    }

    public struct Disclosure: Codable, Equatable, Sendable {
        public var suppressBelow: Int
        public var pseudonymized: Bool
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(zone, forKey: .zone)
        try c.encode(table, forKey: .table)
        try c.encode(tableVersion, forKey: .tableVersion)
        try c.encode(contentHash, forKey: .contentHash)
        try c.encode(rows, forKey: .rows)
        try c.encode(columns, forKey: .columns)
        try c.encode(sizeBytes, forKey: .sizeBytes)
        try c.encode(duplicateRows, forKey: .duplicateRows)
        try c.encode(duplicateRowShare, forKey: .duplicateRowShare)
        try c.encode(missingCells, forKey: .missingCells)
        try c.encode(missingCellsShare, forKey: .missingCellsShare)
        try c.encode(passes, forKey: .passes)
        try c.encode(belowMinRows, forKey: .belowMinRows)
        try c.encode(settings, forKey: .settings)
        try c.encode(columnProfiles, forKey: .columnProfiles)
        try c.encode(correlations, forKey: .correlations)
        try c.encode(alerts, forKey: .alerts)
        try c.encodeIfPresent(disclosure, forKey: .disclosure)
    }
}

/// A count of one value or shape: `{value, count, share}`.
public struct ValueCountDocument: Codable, Equatable, Sendable {
    public var value: String
    public var count: Int
    public var share: Double?

    public init(value: String, count: Int, share: Double?) {
        self.value = value
        self.count = count
        self.share = share
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(count, forKey: .count)
        try c.encode(share, forKey: .share)
    }
}

/// A statistic's value: an integer for integer columns, a double otherwise.
public enum ProfileNumber: Codable, Equatable, Sendable {
    case int(Int64)
    case double(Double)

    public var asDouble: Double {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int64.self) { self = .int(i) } else { self = .double(try c.decode(Double.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let v): try c.encode(v)
        case .double(let v): try c.encode(v)
        }
    }
}

/// Why a profile file cannot be read: the file and, for a bad document, the key path.
public struct ProfileDocumentError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

extension ProfileDocument {
    /// The file's bytes: keys sorted, two-space indentation, a final newline; the same document
    /// always gives the same bytes.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    /// Reads a profile file; an older or newer `schema_version` is named, as is a missing or
    /// mistyped key (`column_profiles[3].distinct.value`).
    public static func decode(_ bytes: [UInt8], path: String) throws(ProfileDocumentError) -> ProfileDocument {
        struct Version: Decodable { var schemaVersion: Int? }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let data = Data(bytes)
        guard let version = try? decoder.decode(Version.self, from: data) else {
            throw ProfileDocumentError(path: path, reason: "not a JSON object")
        }
        guard version.schemaVersion == schemaVersion else {
            throw ProfileDocumentError(
                path: path,
                reason: "profile schema_version \(version.schemaVersion.map(String.init) ?? "missing") is not \(schemaVersion); run `rxpipe profile` again")
        }
        do {
            return try decoder.decode(ProfileDocument.self, from: data)
        } catch let error as DecodingError {
            throw ProfileDocumentError(path: path, reason: Self.describe(error))
        } catch {
            throw ProfileDocumentError(path: path, reason: "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func keyPath(_ path: [any CodingKey]) -> String {
            var out = ""
            for key in path {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + snake(key.stringValue) }
            }
            return out.isEmpty ? "the document" : out
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing key \(keyPath(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(keyPath(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// `spearmanRowStride` → `spearman_row_stride` (the key as the file spells it).
    static func snake(_ key: String) -> String {
        var out = ""
        for ch in key {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
