import Foundation
import Lake
import RxCore

@testable import Runs

/// Two small runs for the diff tests: curated snapshots with generic_summary (top lists, shares,
/// a drug below the movers base, a hostile name) and state_drug (slots that swap entities).
struct DiffFixture {
    typealias Drug = (name: String, claims: Int64, cost: Double, share: Double, rankClaims: Int32, rankCost: Int32)

    let root = NSTemporaryDirectory() + "rxpipe-diff-\(UUID().uuidString)"

    static let drugsA: [Drug] = [
        ("Atorvastatin", 5_000, 1_200_000, 0.50, 1, 2), ("Apixaban", 3_000, 2_000_000, 0.30, 2, 1),
        ("Tiny", 20, 100, 0.10, 3, 3), ("Gone", 15, 50, 0.0, 4, 4),
    ]
    static let drugsB: [Drug] = [
        ("Atorvastatin", 5_200, 1_300_000, 0.52, 2, 2), ("Apixaban", 6_000, 2_000_000, 0.29, 1, 1),
        ("Tiny", 30, 100_000, 0.10, 3, 3), ("New|<b>*x*", 12, 10, 1.0, 4, 4),
    ]

    /// Writes both snapshots and returns the diff of run A against run B.
    func diff() throws -> RunDiff {
        let a = try snapshot("a", Self.drugsA, stateDrug: [("AK", 1, "Lisinopril", 900), ("AK", 2, "Metformin", 800)])
        let b = try snapshot("b", Self.drugsB, stateDrug: [("AK", 1, "Metformin", 950), ("AK", 2, "Lisinopril", 700)])
        var ra = record("20261101T000000Z-aaaaaaaa", years: [2022, 2023], raw: 1_000, quarantined: 10, gatePasses: true, root: a)
        var rb = record("20261102T000000Z-bbbbbbbb", years: [2023, 2024], raw: 1_200, quarantined: 25, gatePasses: false, root: b)
        ra.kpis[1].values = ["claims": 100, "drug_cost": 1_234_567.89, "cost_per_claim": 1_500, "generic_claim_share": 0.59]
        rb.kpis[0].values = ["claims": 110, "drug_cost": 1_718_000.51, "cost_per_claim": 1_718.51, "generic_claim_share": 0.952]
        return try RunDiff.compare(ra, rb, snapshotA: a, snapshotB: b)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func snapshot(_ name: String, _ drugs: [Drug], stateDrug: [(String, Int32, String, Int64)]) throws -> String {
        let path = "\(root)/\(name)"
        let lake = Lake(root: path)
        let g = try TableWriter(lake: lake, table: try .init(zone: "curated", table: "generic_summary"), schema: Schema([
            Field("year", .int32), Field("generic_name", .string), Field("claims", .int64), Field("drug_cost", .double),
            Field("generic_claim_share", .double), Field("rank_claims", .int32), Field("rank_cost", .int32),
        ]))
        try g.write([
            ColumnVector(.int32(drugs.map { _ in 2023 })), ColumnVector(.string(StringArray(drugs.map(\.name)))),
            ColumnVector(.int64(drugs.map(\.claims))), ColumnVector(.double(drugs.map(\.cost))), ColumnVector(.double(drugs.map(\.share))),
            ColumnVector(.int32(drugs.map(\.rankClaims))), ColumnVector(.int32(drugs.map(\.rankCost))),
        ])
        _ = try g.commit()
        let s = try TableWriter(lake: lake, table: try .init(zone: "curated", table: "state_drug"), schema: Schema([
            Field("year", .int32), Field("state", .string), Field("rank", .int32), Field("generic_name", .string), Field("claims", .int64),
        ]))
        try s.write([
            ColumnVector(.int32(stateDrug.map { _ in 2023 })), ColumnVector(.string(StringArray(stateDrug.map(\.0)))),
            ColumnVector(.int32(stateDrug.map(\.1))), ColumnVector(.string(StringArray(stateDrug.map(\.2)))),
            ColumnVector(.int64(stateDrug.map(\.3))),
        ])
        _ = try s.commit()
        return path
    }

    func record(_ id: String, years: [Int], raw: Int, quarantined: Int, gatePasses: Bool, root: String) -> RunRecord {
        var r = RunRecord(runID: id, rxpipeVersion: "0.1.0", configHash: "c")
        r.status = .ok
        r.kpis = years.map { .init(year: $0, values: ["claims": 1]) }
        r.reconciliation = [.init(table: "prescriber_drug", raw: raw, cleansed: raw - quarantined, quarantined: quarantined, duplicatesDropped: 0)]
        r.ruleCounts = ["npi_format": quarantined]
        r.gates = [.init(name: "non_empty", passed: true, detail: ""), .init(name: "max_quarantine_share", passed: gatePasses, detail: "")]
        r.tables = ["generic_summary": .init(rows: 4, contentHash: id, columns: [], types: []),
                    "state_drug": .init(rows: 2, contentHash: id, columns: [], types: [])]
        return r
    }
}
