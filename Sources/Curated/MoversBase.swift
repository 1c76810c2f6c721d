import RxCore

/// The smallest previous-year figures a drug needs to be listed among the risers and fallers
/// (`[site] movers_min_claims`, `movers_min_cost`): without a base, a drug going from $16K to
/// $590K (+3,596 %) would lead a list meant to show what moved the totals.
public struct MoversBase: Sendable, Equatable {
    public var minClaims: Int
    /// Dollars.
    public var minCost: Double

    public init(minClaims: Int = 1_000, minCost: Double = 100_000) {
        self.minClaims = minClaims
        self.minCost = minCost
    }

    public init(_ site: RxpipeConfig.Site) {
        self.init(minClaims: site.moversMinClaims, minCost: site.moversMinCost)
    }
}
