/// The profile of one table: what `profiles/<zone>/<table>.json` holds (docs/profile-schema.md).
public struct TableProfile: Sendable, Equatable {
    public var zone: String
    public var table: String
    /// The manifest version and content hash profiled.
    public var tableVersion: Int
    public var contentHash: String
    public var rows: Int
    /// Sum of the part files' sizes listed by the manifest.
    public var sizeBytes: Int
    public var duplicateRows: Int
    public var columns: [ColumnProfile]
    /// Names of the measure columns, the order of both matrices.
    public var correlationColumns: [String]
    /// Why the matrices are empty (a table below the minimum sample, fewer than two measures), or nil.
    public var correlationNote: String?
    public var pearson: [[Double?]]
    public var spearman: [[Double?]]
    public var spearmanRows: Int
    public var spearmanStride: Int
    /// Reads of the table needed to keep exact numeric values within the memory budget.
    public var passes: Int
    public var alerts: [Alert]
    /// `settings.minRows` when profiled: below it the table has no correlations and no alerts.
    public var minRows: Int = ProfileSettings().minRows

    /// Fewer rows than the minimum sample: the profile describes the table but draws no conclusions.
    public var belowMinRows: Bool { rows < minRows }

    public var missingCells: Int { columns.reduce(0) { $0 + $1.nulls } }
    public var missingCellsShare: Double? {
        rows * columns.count > 0 ? Double(missingCells) / Double(rows * columns.count) : nil
    }
}

/// The profile of one column.
public struct ColumnProfile: Sendable, Equatable {
    public enum Kind: String, Sendable { case numeric, string, flag, boolean }

    public var name: String
    /// The lake type: int32, int64, double, date, string, boolean.
    public var type: String
    public var kind: Kind
    /// What the column means; decides which statistics it has (docs/profile-schema.md).
    public var semantic: SemanticType = .measure
    public var rows: Int
    public var nulls: Int
    public var numeric: NumericSummary?
    public var string: StringSummary?
    /// Boolean columns: true and false counts.
    public var trues: Int?
    public var falses: Int?
    /// The NPI check of an identifier column of NPIs (numbers or text).
    public var validity: NPIValidity?

    /// Non-null values (NaN counts as a value).
    public var count: Int { rows - nulls }
    public var nullShare: Double? { rows > 0 ? Double(nulls) / Double(rows) : nil }

    public var distinct: Int {
        if let numeric { return numeric.distinct + (numeric.nan > 0 ? 1 : 0) }
        if let string { return string.distinct }
        return ((trues ?? 0) > 0 ? 1 : 0) + ((falses ?? 0) > 0 ? 1 : 0)
    }

    public var distinctExact: Bool { string?.distinctExact ?? true }

    /// Value counts of a flag or boolean column, count descending.
    public var valueCounts: [StringSummary.Count]? {
        if let trues, let falses {
            return StringSummary.rank([.init(value: "true", count: trues), .init(value: "false", count: falses)].filter { $0.count > 0 })
        }
        return numeric?.categories?.valueCounts ?? string?.valueCounts
    }

    /// A suppression flag (CMS `*_Sprsn_Flag`): set when non-null and not empty.
    public var isSuppressionFlag: Bool { kind == .flag && name.lowercased().hasSuffix("sprsn_flag") }

    public var suppressedShare: Double? {
        guard isSuppressionFlag, let string, rows > 0 else { return nil }
        return Double(string.count - string.empty) / Double(rows)
    }

    /// 1 − H / ln(k) over the value counts (ydata-profiling's imbalance), k ≥ 2 values; not for
    /// periods (years are not meant to be balanced) or value counts cut short.
    public var imbalance: Double? {
        guard semantic != .period, numeric?.categories?.valueCountsComplete ?? true else { return nil }
        guard let counts = valueCounts, counts.count >= 2 else { return nil }
        let total = Double(counts.reduce(0) { $0 + $1.count })
        var entropy = 0.0
        for c in counts { let p = Double(c.count) / total; entropy -= p * log(p) }
        return 1 - entropy / log(Double(counts.count))
    }
}

#if canImport(Glibc)
import Glibc
#endif
