import Curated
import Foundation
import Lake
import RxCore

/// Writes a small but complete curated zone (every table of docs/tables.md) into a temporary
/// lake, with names chosen by the test (hostile ones included), so the site renders without
/// running the earlier stages.
struct CuratedFixture {
    var years = [2021, 2022, 2023]
    var generics = ["Atorvastatin", "Lisinopril", "Metformin", "Amlodipine", "Apixaban", "Levothyroxine", "Omeprazole", "Gabapentin"]
    var specialties = ["Internal Medicine", "Family Practice", "Cardiology", "Nurse Practitioner"]
    var states = ["CA", "TX", "NY", "FL", "PR", "AA", "ZZ"]
    var prescriberNames = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov"]
    /// Rows of `prescriber_outliers` per year for the first specialty (the others get 2).
    var outliersInFirstSpecialty = 12

    /// Writes the tables and returns the lake root.
    func write(to root: String) throws -> String {
        let lake = Lake(root: root)
        // Money is written as the contract says (DECIMAL cents), whatever the fixture computed.
        func table(_ name: String, _ given: [Field], _ givenRows: [[Value]]) throws {
            let contract = CuratedSchemas.byTable[name]
            let fields = given.map { field in Field(field.name, contract?.fields.first { $0.name == field.name }?.type ?? field.type) }
            let rows = givenRows.map { row in
                zip(row, fields).map { value, field -> Value in
                    if field.type == .decimal, case .double(let dollars) = value { return .decimal(Int64((dollars * 100).rounded())) }
                    return value
                }
            }
            let schema = Schema(fields)
            let columns = try fields.indices.map { i in try ColumnVector.from(rows.map { $0[i] }, type: fields[i].type) }
            let w = try TableWriter(lake: lake, table: try .init(zone: "curated", table: name), schema: schema)
            if !rows.isEmpty { try w.write(columns) }
            _ = try w.commit()
        }
        func f(_ n: String, _ t: ColumnType) -> Field { Field(n, t) }
        let y32 = { (y: Int) in Value.int32(Int32(y)) }
        var kpis: [[Value]] = []
        var drugs: [[Value]] = [], genericRows: [[Value]] = [], trends: [[Value]] = []
        var stateRows: [[Value]] = [], specialtyRows: [[Value]] = [], top: [[Value]] = [], stateDrug: [[Value]] = []
        var prescriberRows: [[Value]] = [], stateSpecialty: [[Value]] = [], specialtyDrug: [[Value]] = []
        var previous: (claims: Double, cost: Double)? = nil
        var previousGeneric: [String: (Double, Double)] = [:]
        for (yi, year) in years.enumerated() {
            var totalClaims = 0, totalCost = 0.0
            for (gi, g) in generics.enumerated() {
                let claims = 1000 * (generics.count - gi) + 37 * yi + 11
                let cost = Double(claims) * (12.5 + Double(gi) * 3.25) + Double(yi) * 100
                totalClaims += claims
                totalCost += cost
                genericRows.append([y32(year), .string(g), .int64(2), .int64(Int64(20 + gi)), .int64(Int64(claims)), .double(cost),
                                    .double(0.6), .int32(Int32(gi + 1)), .int32(Int32(generics.count - gi))])
                drugs.append([y32(year), .string(g), .string(g.uppercased()), .boolean(true), .int64(10), .int64(Int64(claims * 6 / 10)),
                              .double(Double(claims) * 18), .int64(Int64(claims * 30)), .double(cost * 0.6), .double(20.0),
                              .double(0.66), .double(0.1), .double(0.1), .int32(Int32(2 * gi + 1)), .int32(Int32(2 * gi + 1))])
                drugs.append([y32(year), .string(g), .string("Brand" + g), .boolean(false), .int64(10), .int64(Int64(claims * 4 / 10)),
                              .double(Double(claims) * 12), .int64(Int64(claims * 30)), .double(cost * 0.4), .double(25.0),
                              .double(0.83), .double(0.1), .double(0.1), .int32(Int32(2 * gi + 2)), .int32(Int32(2 * gi + 2))])
                let prev = previousGeneric[g]
                trends.append([.string(g), y32(year), .int64(Int64(claims)), .double(cost),
                               prev.map { .double(Double(claims) / $0.0 - 1) } ?? .null,
                               prev.map { .double(cost / $0.1 - 1) } ?? .null])
                previousGeneric[g] = (Double(claims), cost)
            }
            let prescribers = 500 + yi * 10
            kpis.append([y32(year), .int64(Int64(prescribers)), .int64(Int64(generics.count * 2)), .int64(Int64(totalClaims)),
                         .double(Double(totalClaims) * 1.4), .int64(Int64(totalClaims * 30)), .double(totalCost),
                         .double(totalCost / Double(totalClaims)), .double(0.6 + 0.01 * Double(yi)),
                         previous.map { _ in .double(0.02) } ?? .null,
                         previous.map { .double(Double(totalClaims) / $0.claims - 1) } ?? .null,
                         previous.map { .double(totalCost / $0.cost - 1) } ?? .null,
                         previous.map { _ in .double(0.01) } ?? .null,
                         previous.map { _ in .double(0.01) } ?? .null])
            previous = (Double(totalClaims), totalCost)
            for (si, s) in states.enumerated() {
                let info = StateReference.info(s)
                let claims = 5000 - si * 300
                let pop = info?.population
                stateRows.append([y32(year), .string(s), .string(info?.name ?? s), .int64(Int64(50 + si)), .int64(Int64(claims)),
                                  .double(Double(claims) * 40), .double(40), .double(Double(claims) / Double(50 + si)), .double(0.55 + 0.02 * Double(si)),
                                  pop.map { .int64(Int64($0)) } ?? .null,
                                  pop.map { .double(Double(claims) * 1000 / Double($0)) } ?? .null,
                                  pop.map { .double(Double(claims) * 40 / Double($0)) } ?? .null])
                for (pi, name) in prescriberNames.enumerated() {
                    top.append([y32(year), .string(s), .int32(Int32(pi + 1)), .int64(Int64(1_234_567_893 + si * 10 + pi)),
                                .string(name), .string(specialties[pi % specialties.count]), .int64(Int64(900 - pi * 50)),
                                .double(Double(900 - pi * 50) * 35)])
                }
                for (gi, g) in generics.prefix(5).enumerated() {
                    stateDrug.append([y32(year), .string(s), .int32(Int32(gi + 1)), .string(g), .int64(Int64(400 - gi * 20)),
                                      .double(Double(400 - gi * 20) * 30), .int64(Int64(30 - gi))])
                }
                for (pi, p) in specialties.enumerated() {
                    stateSpecialty.append([y32(year), .string(s), .string(p), .int64(Int64(10 + pi)), .int64(Int64(1000 - pi * 100)),
                                           .double(Double(1000 - pi * 100) * 33)])
                }
            }
            for (pi, p) in specialties.enumerated() {
                specialtyRows.append([y32(year), .string(p), .int64(Int64(100 + pi)), .int64(Int64(20000 - pi * 1000)),
                                      .double(Double(20000 - pi * 1000) * 41), .double(41), .double(0.7), .string(generics[pi % generics.count])])
                for rank in 0..<min(3, generics.count) {
                    let g = generics[(pi + rank) % generics.count]
                    specialtyDrug.append([y32(year), .string(p), .int32(Int32(rank + 1)), .string(g), .int64(Int64(3000 - rank * 500)),
                                          .double(Double(3000 - rank * 500) * 27), .int64(Int64(40 - rank))])
                }
            }
            for i in 0..<prescribers {
                let state = states[i % states.count]
                prescriberRows.append([y32(year), .int64(Int64(1_000_000_000 + i)), .string(prescriberNames[i % prescriberNames.count]),
                                       .string(state), .string(specialties[i % specialties.count]), .int64(Int64(3)),
                                       .int64(Int64(11 + (i * 7919) % 3000)), .double(Double(11 + (i * 7919) % 3000) * 30), .double(30),
                                       .double(0.5), .int32(Int32(i / states.count + 1)), .int32(Int32(i / specialties.count + 1))])
            }
        }
        try table("kpi_year", [f("year", .int32), f("prescribers", .int64), f("drugs", .int64), f("claims", .int64),
                               f("fills_30day", .double), f("day_supply", .int64), f("drug_cost", .double), f("cost_per_claim", .double),
                               f("generic_claim_share", .double), f("yoy_prescribers", .double), f("yoy_claims", .double),
                               f("yoy_drug_cost", .double), f("yoy_cost_per_claim", .double), f("yoy_generic_claim_share", .double)], kpis)
        try table("drug_summary", [f("year", .int32), f("generic_name", .string), f("brand_name", .string), f("is_generic", .boolean),
                                   f("prescribers", .int64), f("claims", .int64), f("fills_30day", .double), f("day_supply", .int64),
                                   f("drug_cost", .double), f("cost_per_claim", .double), f("cost_per_day", .double),
                                   f("claim_share", .double), f("cost_share", .double), f("rank_claims", .int32), f("rank_cost", .int32)], drugs)
        try table("generic_summary", [f("year", .int32), f("generic_name", .string), f("brand_count", .int64), f("prescribers", .int64),
                                      f("claims", .int64), f("drug_cost", .double), f("generic_claim_share", .double),
                                      f("rank_claims", .int32), f("rank_cost", .int32)], genericRows)
        try table("state_summary", [f("year", .int32), f("state", .string), f("state_name", .string), f("prescribers", .int64),
                                    f("claims", .int64), f("drug_cost", .double), f("cost_per_claim", .double),
                                    f("claims_per_prescriber", .double), f("generic_claim_share", .double), f("population", .int64),
                                    f("claims_per_1000_residents", .double), f("cost_per_resident", .double)], stateRows)
        try table("specialty_summary", [f("year", .int32), f("prescriber_type", .string), f("prescribers", .int64), f("claims", .int64),
                                        f("drug_cost", .double), f("cost_per_claim", .double), f("generic_claim_share", .double),
                                        f("top_generic_name", .string)], specialtyRows)
        try table("prescriber_summary", [f("year", .int32), f("npi", .int64), f("display_name", .string), f("state", .string),
                                         f("prescriber_type", .string), f("drugs", .int64), f("claims", .int64), f("drug_cost", .double),
                                         f("cost_per_claim", .double), f("generic_claim_share", .double), f("rank_in_state", .int32),
                                         f("rank_in_type", .int32)], prescriberRows)
        try table("top_prescribers_by_state", [f("year", .int32), f("state", .string), f("rank", .int32), f("npi", .int64),
                                               f("display_name", .string), f("prescriber_type", .string), f("claims", .int64),
                                               f("drug_cost", .double)], top)
        try table("state_drug", [f("year", .int32), f("state", .string), f("rank", .int32), f("generic_name", .string),
                                 f("claims", .int64), f("drug_cost", .double), f("prescribers", .int64)], stateDrug)
        try table("state_specialty", [f("year", .int32), f("state", .string), f("prescriber_type", .string), f("prescribers", .int64),
                                      f("claims", .int64), f("drug_cost", .double)], stateSpecialty)
        try table("specialty_drug", [f("year", .int32), f("prescriber_type", .string), f("rank", .int32), f("generic_name", .string),
                                     f("claims", .int64), f("drug_cost", .double), f("prescribers", .int64)], specialtyDrug)
        try table("drug_trend", [f("generic_name", .string), f("year", .int32), f("claims", .int64), f("drug_cost", .double),
                                 f("yoy_claims", .double), f("yoy_drug_cost", .double)], trends)
        var outliers: [[Value]] = []
        for year in years {
            for (si, specialty) in specialties.enumerated() {
                for k in 0..<(si == 0 ? outliersInFirstSpecialty : 2) {
                    let cost = k % 2 == 0
                    let z = (k % 3 == 2 ? -1.0 : 1.0) * (4.0 + Double(k) * 0.75)
                    outliers.append([y32(year), .int64(Int64(1_500_000_000 + si * 100 + k)), .string(prescriberNames[k % prescriberNames.count]),
                                     .string(states[k % states.count]), .string(specialty), .string(cost ? "cost_per_claim" : "brand_share"),
                                     .double(cost ? 900 + Double(k) : 0.95), .double(cost ? 61.5 : 0.2), .double(cost ? 0.5 : 0.08),
                                     .double(z), .int64(Int64(25 + k)), .int64(Int64(300 + k))])
                }
            }
        }
        try table("prescriber_outliers", [f("year", .int32), f("npi", .int64), f("display_name", .string), f("state", .string),
                                          f("prescriber_type", .string), f("metric", .string), f("value", .double),
                                          f("peer_median", .double), f("peer_mad", .double), f("robust_z", .double),
                                          f("peer_count", .int64), f("claims", .int64)], outliers)
        return root
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory(_ label: String) throws -> String {
    let path = NSTemporaryDirectory() + "rxpipe-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The repository root (tests run from it; templates and assets are found there).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
