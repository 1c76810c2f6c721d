import Curated
import Lake
import RxCore

/// One row of `curated/prescriber_outliers` (docs/tables.md).
public struct PrescriberOutlier: Sendable, Equatable {
    public var year: Int
    public var npi: Int
    public var displayName: String
    public var state: String
    public var prescriberType: String
    /// `cost_per_claim` or `brand_share`.
    public var metric: String
    public var value: Double
    public var peerMedian: Double
    public var peerMAD: Double
    public var robustZ: Double
    public var peerCount: Int
    public var claims: Int

    public init(year: Int, npi: Int, displayName: String, state: String, prescriberType: String, metric: String, value: Double,
                peerMedian: Double, peerMAD: Double, robustZ: Double, peerCount: Int, claims: Int) {
        self.year = year
        self.npi = npi
        self.displayName = displayName
        self.state = state
        self.prescriberType = prescriberType
        self.metric = metric
        self.value = value
        self.peerMedian = peerMedian
        self.peerMAD = peerMAD
        self.robustZ = robustZ
        self.peerCount = peerCount
        self.claims = claims
    }

    /// Reads the table; a lake transformed before the table existed gives no rows.
    static func load(_ lake: Lake) throws -> [PrescriberOutlier] {
        guard (try lake.tables(zone: "curated")).contains(where: { $0.table == "prescriber_outliers" }) else { return [] }
        return try TableRows.readCurated(lake, table: "prescriber_outliers").allRows.map { r in
            PrescriberOutlier(
                year: r.int("year") ?? 0, npi: r.int("npi") ?? 0, displayName: r.string("display_name") ?? "",
                state: r.string("state") ?? "", prescriberType: r.string("prescriber_type") ?? "", metric: r.string("metric") ?? "",
                value: r.double("value") ?? 0, peerMedian: r.double("peer_median") ?? 0, peerMAD: r.double("peer_mad") ?? 0,
                robustZ: r.double("robust_z") ?? 0, peerCount: r.int("peer_count") ?? 0, claims: r.int("claims") ?? 0)
        }
    }
}

/// The `[outliers]` settings the page and the methodology state (the transform used the same:
/// a change of them re-runs transform).
public struct OutlierListing: Sendable, Equatable {
    public var minPeers: Int
    public var minClaims: Int
    public var threshold: Double
    /// Rows shown per specialty on the page.
    public var perSpecialty: Int

    public init(minPeers: Int = 20, minClaims: Int = 250, threshold: Double = 4.0, perSpecialty: Int = 10) {
        self.minPeers = minPeers
        self.minClaims = minClaims
        self.threshold = threshold
        self.perSpecialty = perSpecialty
    }

    public init(_ config: RxpipeConfig.Outliers) {
        self.init(minPeers: config.minPeers, minClaims: config.minClaims, threshold: config.threshold,
                  perSpecialty: config.listedPerSpecialty)
    }
}
