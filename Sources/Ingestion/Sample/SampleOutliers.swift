import Foundation

/// How a planted outlier (`rxpipe sample --outliers K`) differs from its specialty-state peers.
public enum SampleOutlierKind: String, Sendable, CaseIterable {
    /// Every drug cost × `costFactor`: cost per claim far above the peers'.
    case costPerClaimHigh = "cost_per_claim_high"
    /// Every drug cost ÷ `costFactor`: far below.
    case costPerClaimLow = "cost_per_claim_low"
    /// Every drug that has a brand version is prescribed as the brand: brand share far above.
    case brandShareHigh = "brand_share_high"

    /// The metric of `prescriber_outliers` the plant is meant to move.
    public var metric: String { self == .brandShareHigh ? "brand_share" : "cost_per_claim" }

    /// Generated cost per claim varies by a factor of about 2 around the peer median (MAD of
    /// its logarithm ≈ 0.5), so a plant must move it by far more than that to stand out.
    static let factor = 100.0

    var costFactor: Double? {
        switch self {
        case .costPerClaimHigh: return Self.factor
        case .costPerClaimLow: return 1 / Self.factor
        case .brandShareHigh: return nil
        }
    }
}

/// One planted outlier, as listed in `planted-outliers.tsv`.
public struct PlantedOutlier: Sendable, Equatable {
    public let year: Int
    public let npi: Int
    public let prescriberType: String
    public let state: String
    public let kind: SampleOutlierKind
}

/// Chooses the prescribers to plant in one year: K of those with at least 10 rows (so at
/// least 110 claims) whose (specialty, state) has at least `minGroup` such prescribers, so
/// each has a peer group to stand out from. Deterministic in (seed, year); no draw of the
/// rows' own random streams is touched.
enum SampleOutlierPlanner {
    static let minRows: Int32 = 10
    static let minGroup = 25

    static func plan(count: Int, yearIndex: Int, rows: SampleGenerator.RowPlan, generator: SampleGenerator) -> [Int: SampleOutlierKind] {
        guard count > 0 else { return [:] }
        var groups: [Int: [Int]] = [:]
        let states = generator.catalog.states.count
        for index in 0..<rows.prescribers where rows.counts[index] >= minRows {
            let p = SamplePrescriber.make(
                index: index, universe: generator.universe, seed: generator.options.seed, catalog: generator.catalog, withPrefix: false)
            groups[p.specialty * states + p.state, default: []].append(index)
        }
        var candidates = groups.keys.sorted().filter { groups[$0]!.count >= minGroup }.flatMap { groups[$0]! }
        candidates.sort()
        var random = SampleRandom(seed: generator.options.seed, stream: 11, index: UInt64(yearIndex))
        // A partial Fisher–Yates shuffle picks K distinct candidates.
        let k = min(count, candidates.count)
        for i in 0..<k { candidates.swapAt(i, i + random.below(candidates.count - i)) }
        let kinds = SampleOutlierKind.allCases
        var plan: [Int: SampleOutlierKind] = [:]
        for (order, index) in candidates.prefix(k).sorted().enumerated() { plan[index] = kinds[order % kinds.count] }
        return plan
    }

    /// `planted-outliers.tsv`: year, npi, prescriber_type, state, kind, metric, tab-separated
    /// (no field holds a tab), sorted by year and npi. Not `.csv`, so ingest never takes it for
    /// a CMS file of the same directory.
    static func tsv(_ planted: [PlantedOutlier]) -> [UInt8] {
        var out = "year\tnpi\tprescriber_type\tstate\tkind\tmetric\n"
        for p in planted.sorted(by: { ($0.year, $0.npi) < ($1.year, $1.npi) }) {
            out += [String(p.year), String(p.npi), p.prescriberType, p.state, p.kind.rawValue, p.kind.metric].joined(separator: "\t") + "\n"
        }
        return Array(out.utf8)
    }
}
