import Foundation
import Lake
import Testing
@testable import Transformation

@Suite struct PrescriberOutliersTests {
    typealias F = CleansedFixture
    static let pseudonym: Int64 = (1 << 61) + 987_654_321

    /// 20 cardiologists in CA with 300 claims at $50…$69 a claim, one (a pseudonym) at $5,000;
    /// plus prescribers who must not count: too few claims, no specialty, a group too small.
    static func costGroup() -> (facts: [F.Fact], people: [F.Prescriber]) {
        var facts: [F.Fact] = [], people: [F.Prescriber] = []
        for i in 0..<20 {
            let npi = Int64(1_000_000_100 + i)
            people.append(.init(year: 2022, npi: npi, last: "Peer\(i)", first: "Pat", state: "CA", type: "Cardiology"))
            facts.append(.init(year: 2022, npi: npi, drug: 1, claims: 300, cost: Double(300 * (50 + i))))
        }
        people.append(.init(year: 2022, npi: pseudonym, last: "Secret", first: "Real", state: "CA", type: "Cardiology"))
        facts.append(.init(year: 2022, npi: pseudonym, drug: 1, claims: 300, cost: 300 * 5000))
        // Extreme, but with fewer claims than min_claims: neither a peer nor flagged.
        people.append(.init(year: 2022, npi: 1_000_000_900, last: "Small", first: "Sam", state: "CA", type: "Cardiology"))
        facts.append(.init(year: 2022, npi: 1_000_000_900, drug: 1, claims: 100, cost: 100 * 9000))
        // Extreme without a specialty: not compared.
        people.append(.init(year: 2022, npi: 1_000_000_901, last: "None", first: "Nat", state: "CA", type: nil))
        facts.append(.init(year: 2022, npi: 1_000_000_901, drug: 1, claims: 300, cost: 300 * 9000))
        // A group of 5 in TX, one extreme: too small to compare.
        for i in 0..<5 {
            let npi = Int64(1_000_000_800 + i)
            people.append(.init(year: 2022, npi: npi, last: "Tex\(i)", first: "Ty", state: "TX", type: "Cardiology"))
            facts.append(.init(year: 2022, npi: npi, drug: 1, claims: 300, cost: Double(300 * (i == 0 ? 9000 : 50 + i))))
        }
        return (facts, people)
    }

    @Test func flagsTheFarCostPerClaimAndNobodyElse() throws {
        let fx = F()
        defer { fx.cleanup() }
        let (facts, people) = Self.costGroup()
        try fx.write(facts: facts, prescribers: people, drugs: [.init(id: 1, brand: "Atorvastatin", generic: "ATORVASTATIN")])
        try Transform(lake: fx.lake).run()
        let rows = try fx.curated("prescriber_outliers")
        #expect(rows.count == 1)
        let o = try #require(rows.first)
        #expect(o["npi"] == .int64(Self.pseudonym) && o["metric"] == .string("cost_per_claim"))
        // A pseudonym is never shown with the name its row carries.
        #expect(o["display_name"] == .string("Prescriber " + String("\(Self.pseudonym)".suffix(6))))
        #expect(o["state"] == .string("CA") && o["prescriber_type"] == .string("Cardiology") && o["year"] == .int32(2022))
        #expect(o["value"] == .double(5000) && o["peer_median"] == .double(60))
        #expect(o["peer_count"] == .int64(21) && o["claims"] == .int64(300))
        guard case .double(let z) = o["robust_z"], case .double(let mad) = o["peer_mad"] else { Issue.record("types"); return }
        // MAD and z on the log scale, recomputed here.
        let logs = ((0..<20).map { log(Double(50 + $0)) } + [log(5000.0)])
        let m = RobustStatistics.median(logs)!
        #expect(mad == RobustStatistics.mad(logs, median: m)!)
        #expect(z == (log(5000.0) - m) / (1.4826 * mad) && z > 4)
        // Brand share is 0 for everyone: MAD 0, no brand-share rows.
    }

    @Test func brandShareIsComparedAsAShare() throws {
        let fx = F()
        defer { fx.cleanup() }
        var facts: [F.Fact] = [], people: [F.Prescriber] = []
        // 25 prescribers with 400 claims, brand claims 40…64 (10 %…16 %); one with 360 (90 %).
        for i in 0..<26 {
            let npi = Int64(1_000_000_200 + i)
            let brand: Int64 = i == 25 ? 360 : Int64(40 + i)
            people.append(.init(year: 2021, npi: npi, last: "Doe\(i)", first: "Jo", state: "NY", type: "Family Practice"))
            facts.append(.init(year: 2021, npi: npi, drug: 1, claims: 400 - brand, cost: Double(400 - brand) * 10))
            facts.append(.init(year: 2021, npi: npi, drug: 2, claims: brand, cost: Double(brand) * 10))
        }
        try fx.write(facts: facts, prescribers: people, drugs: [.init(id: 1, brand: "Atorvastatin", generic: "ATORVASTATIN"),
                                                                .init(id: 2, brand: "Lipitor", generic: "ATORVASTATIN")])
        try Transform(lake: fx.lake).run()
        let rows = try fx.curated("prescriber_outliers")
        #expect(rows.map { $0["metric"] } == [.string("brand_share")])
        #expect(rows.first?["value"] == .double(0.9) && rows.first?["display_name"] == .string("Jo Doe25"))
        #expect(rows.first?["peer_median"] == .double(52.0 / 400 + (53.0 / 400 - 52.0 / 400) * 0.5))
    }

    @Test func thresholdsComeFromTheSettings() throws {
        let fx = F()
        defer { fx.cleanup() }
        let (facts, people) = Self.costGroup()
        try fx.write(facts: facts, prescribers: people, drugs: [.init(id: 1, brand: "Atorvastatin", generic: "ATORVASTATIN")])
        // Peers of 5 are enough, 100 claims too: the TX extreme and the small prescriber are flagged as well.
        try Transform(lake: fx.lake, outliers: OutlierSettings(minPeers: 5, minClaims: 100, threshold: 4)).run()
        let npis = try fx.curated("prescriber_outliers").map { $0["npi"] }
        #expect(Set(npis) == [.int64(Self.pseudonym), .int64(1_000_000_900), .int64(1_000_000_800)])
        // Rows are sorted by year, type, state, metric, npi.
        #expect(npis == [.int64(1_000_000_900), .int64(Self.pseudonym), .int64(1_000_000_800)])
        try Transform(lake: fx.lake, outliers: OutlierSettings(minPeers: 50, minClaims: 100, threshold: 4)).run()
        #expect(try fx.curated("prescriber_outliers").isEmpty)
    }
}
