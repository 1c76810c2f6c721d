import Columnar
import Foundation
import Curated
import Lake

/// `curated/prescriber_outliers`: prescribers far from their peers — the prescribers of the same
/// year, specialty and state — by a robust z-score (median and MAD) on each metric
/// (docs/tables.md, "Prescriber outliers"). A flag is a question for a reader, not a finding.
enum PrescriberOutliersTable {
    enum Metric: String, CaseIterable {
        /// Drug cost per claim; compared on the log scale (costs spread multiplicatively).
        case costPerClaim = "cost_per_claim"
        /// Share of claims for drugs that are not `is_generic`; compared as it is.
        case brandShare = "brand_share"
    }

    struct Row {
        let p: Int
        let metric: Metric
        let value: Double
        let median: Double
        let mad: Double
        let z: Double
        let peers: Int
    }

    static func build(_ r: Rollups, settings: OutlierSettings) -> CuratedTable {
        let pres = r.prescribers, f = r.facts
        let nS = pres.states.count, nT = pres.types.count
        // Eligible prescribers by (year, type, state), in prescriber order.
        var groups: [Int: [Int]] = [:]
        for y in r.years {
            for p in pres.yearStart[y]..<pres.yearStart[y + 1] where f.pRows[p] > 0 && f.pClaims[p] >= settings.minClaims && pres.type[p] >= 0 {
                groups[(y * nT + Int(pres.type[p])) * nS + Int(pres.state[p]), default: []].append(p)
            }
        }
        var rows: [Row] = []
        for key in groups.keys.sorted() {
            let members = groups[key]!
            for metric in Metric.allCases {
                var ps: [Int] = [], raw: [Double] = [], scaled: [Double] = []
                for p in members {
                    guard let v = value(metric, p, f), let s = scale(metric, v) else { continue }
                    ps.append(p)
                    raw.append(v)
                    scaled.append(s)
                }
                guard ps.count >= settings.minPeers, let peers = RobustStatistics.summary(scaled),
                      let rawMedian = RobustStatistics.median(raw) else { continue }
                for (i, p) in ps.enumerated() {
                    guard let z = RobustStatistics.robustZ(scaled[i], median: peers.median, mad: peers.mad), abs(z) >= settings.threshold else { continue }
                    rows.append(Row(p: p, metric: metric, value: raw[i], median: rawMedian, mad: peers.mad, z: z, peers: ps.count))
                }
            }
        }
        let year = rows.map { pres.yearOf[$0.p] }
        let type = rows.map { pres.types[Int(pres.type[$0.p])] }
        let state = rows.map { pres.states[Int(pres.state[$0.p])] }
        let metric = rows.map { $0.metric.rawValue }
        let npi = rows.map { pres.npi[$0.p] }
        let order = Sorting.permutation(count: rows.count, by: [.int32(year), .string(type), .string(state), .string(metric), .int64(npi)])
            .map { Int($0) }
        return CuratedTable(name: "prescriber_outliers", schema: CuratedSchemas.prescriberOutliers, columns: [
            Column.int32(order.map { year[$0] }), Column.int64(order.map { npi[$0] }),
            Column.string(order.map { pres.displayName[rows[$0].p] }), Column.string(order.map { state[$0] }),
            Column.string(order.map { type[$0] }), Column.string(order.map { metric[$0] }),
            Column.double(order.map { rows[$0].value }), Column.double(order.map { rows[$0].median }),
            Column.double(order.map { rows[$0].mad }), Column.double(order.map { rows[$0].z }),
            Column.int64(order.map { Int64(rows[$0].peers) }), Column.int64(order.map { f.pClaims[rows[$0].p] }),
        ])
    }

    /// The metric of prescriber p (claims > 0 for every eligible prescriber).
    static func value(_ metric: Metric, _ p: Int, _ f: FactAggregates) -> Double? {
        switch metric {
        case .costPerClaim: return Measure.moneyRatio(f.pCost[p], f.pClaims[p])
        case .brandShare: return Measure.ratio(f.pClaims[p] - f.pGenericClaims[p], f.pClaims[p])
        }
    }

    /// The scale the metric is compared on: ln for cost per claim (a prescriber with no cost
    /// has no logarithm and is left out of that metric), the share itself otherwise.
    static func scale(_ metric: Metric, _ v: Double) -> Double? {
        switch metric {
        case .costPerClaim: return v > 0 ? Foundation.log(v) : nil
        case .brandShare: return v
        }
    }
}
