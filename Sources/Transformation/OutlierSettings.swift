import RxCore

/// Thresholds of `curated/prescriber_outliers` (`[outliers]` in rxpipe.toml; docs/tables.md).
public struct OutlierSettings: Sendable, Equatable, CustomStringConvertible {
    /// A (year, specialty, state) group is compared only when it has at least this many
    /// prescribers with a value of the metric.
    public var minPeers: Int
    /// A prescriber takes part (as a peer and as a candidate) only with at least this many claims.
    public var minClaims: Int64
    /// Flag |robust z| at or above this.
    public var threshold: Double

    public static let defaults = OutlierSettings(minPeers: 20, minClaims: 250, threshold: 4.0)

    public init(minPeers: Int, minClaims: Int64, threshold: Double) {
        self.minPeers = minPeers
        self.minClaims = minClaims
        self.threshold = threshold
    }

    /// For the transform stage's fingerprint: a change re-runs transform.
    public var description: String { "min_peers=\(minPeers) min_claims=\(minClaims) threshold=\(threshold)" }
}

extension OutlierSettings {
    /// The `[outliers]` section of the configuration.
    public init(_ config: RxpipeConfig.Outliers) {
        self.init(minPeers: config.minPeers, minClaims: Int64(config.minClaims), threshold: config.threshold)
    }
}
