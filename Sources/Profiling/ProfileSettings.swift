/// Thresholds and memory budgets of one profiling run (the `[profile]` configuration section).
public struct ProfileSettings: Sendable, Equatable {
    /// Memory for the exact (sorted) values of numeric columns in one read of the table, in MiB.
    /// Columns that do not fit are read in further passes; one column always fits.
    public var exactMemoryMB: Int = 1024
    /// Memory for one string column's exact value counts, in MiB; beyond it, distinct values
    /// are estimated with HyperLogLog.
    public var distinctExactMB: Int = 256
    /// Bins of the equal-width and the log-scaled histograms.
    public var histogramBins: Int = 20
    /// A non-negative column gets a log-scaled histogram when max / smallest positive ≥ this.
    public var logHistogramMinRatio: Double = 100
    /// Rows used for Spearman correlations; larger tables use every k-th row.
    public var spearmanMaxRows: Int = 250_000
    /// The smallest sample that supports a correlation or a distribution alert (docs/profile-schema.md,
    /// "Minimum sample"): a table with fewer rows gets neither correlations nor alerts, a pair of
    /// columns with fewer rows where both are present no coefficient, a column with fewer values
    /// no `unique`, `skewed`, `many_zeros` or `imbalance` alert.
    public var minRows: Int = 30
    /// A string column with at most this many distinct values is a flag (all value counts listed).
    public var flagMaxDistinct: Int = 10
    /// Alert `high_cardinality`: a string column with more distinct values than this.
    public var highCardinalityDistinct: Int = 50
    /// Alert `high_missing`: null share above this.
    public var highMissingShare: Double = 0.2
    /// Alert `unique`: distinct / non-null count at or above this.
    public var uniqueShare: Double = 1.0
    /// Alert `highly_correlated`: |Pearson| or |Spearman| above this.
    public var correlationThreshold: Double = 0.9
    /// Alert `skewed`: |skewness| above this.
    public var skewnessThreshold: Double = 20
    /// Alert `many_zeros`: share of zeros among non-null values above this.
    public var zerosShare: Double = 0.1
    /// Alert `imbalance`: 1 − entropy / ln(k) of a flag's value counts above this.
    public var imbalanceThreshold: Double = 0.5
    /// Alert `suppressed_share`: share of rows whose suppression flag (`*sprsn_flag`) is set, at or above this.
    public var suppressedShare: Double = 0.25

    public init() {}
}
