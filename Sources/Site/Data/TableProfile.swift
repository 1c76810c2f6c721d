import Foundation

/// A profile (`profiles/<zone>/<table>.json`) as the EDA pages show it.
public struct TableProfile: Sendable, Equatable {
    public struct Bin: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Double
    }
    public struct TopValue: Sendable, Equatable {
        public var value: String
        public var count: Int
        public var share: Double
    }
    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: String
        /// identifier, code, period, flag, measure, ordinal or text (docs/profile-schema.md).
        public var semanticType: String
        public var count: Int
        public var nulls: Int
        public var distinct: Int?
        /// "exact" or the sketch's stated error.
        public var distinctNote: String
        /// Ordered label → formatted value pairs (min, max, mean, quantiles, …).
        public var statistics: [(String, String)]
        public var histogram: [Bin]
        public var logHistogram: [Bin]
        public var topValues: [TopValue]
        public var patterns: [TopValue]

        public static func == (a: Column, b: Column) -> Bool {
            a.name == b.name && a.type == b.type && a.semanticType == b.semanticType && a.count == b.count && a.nulls == b.nulls && a.distinct == b.distinct
                && a.statistics.map(\.0) == b.statistics.map(\.0) && a.statistics.map(\.1) == b.statistics.map(\.1)
                && a.histogram == b.histogram && a.logHistogram == b.logHistogram && a.topValues == b.topValues
                && a.patterns == b.patterns && a.distinctNote == b.distinctNote
        }
    }
    public struct Alert: Sendable, Equatable {
        public var kind: String
        public var columns: [String]
        public var message: String
    }

    public var zone: String
    public var table: String
    public var rows: Int
    public var sizeBytes: Int
    public var duplicateRows: Int
    public var missingCellsShare: Double
    public var columns: [Column]
    public var alerts: [Alert]
    /// Fewer rows than the profile's minimum sample: no correlations, no alerts.
    public var belowMinRows: Bool
    public var minRows: Int
    /// Why the profile has no correlations, when it has none.
    public var correlationNote: String?
    public var correlationLabels: [String]
    public var pearson: [[Double]]
    public var spearman: [[Double]]
    /// The file's bytes, offered for download unchanged.
    public var json: [UInt8]

    /// The matrix the heat map draws (Spearman when present).
    public var heatmapMatrix: [[Double]] { spearman.isEmpty ? pearson : spearman }

    /// A heat map has something to show: two labels or more and a finite coefficient off the diagonal.
    public var hasCorrelationToDraw: Bool {
        let m = heatmapMatrix
        guard correlationLabels.count >= 2, m.count == correlationLabels.count else { return false }
        return m.indices.contains { a in m[a].indices.contains { b in a != b && m[a][b].isFinite } }
    }
}
