import Foundation
import Lake
import RxCore
import Testing
import Transformation

@testable import Cleansing

/// `cleansed/drug.is_generic` comes from `GenericNameRule` and the `[drugs]` overrides, and the
/// curated generic claim share follows it.
@Suite struct GenericFlagTests {
    typealias F = CMSRawFixture

    static let products: [(brand: String, generic: String, claims: Int64)] = [
        ("Hydrocodone-Acetaminophen", "Hydrocodone/Acetaminophen", 600),
        ("Norco", "Hydrocodone/Acetaminophen", 40),
        ("Metformin Hcl Er", "Metformin Hcl", 300),
        ("Wixela Inhub", "Fluticasone Propionate/Salmeterol", 100),
        ("Eliquis", "Apixaban", 200),
    ]

    func cleanseProducts(_ options: CleanseOptions) throws -> (drugs: [String: Bool], share: Double?) {
        let root = temporaryDirectory("generic-flag")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lake = Lake(root: root)
        try F.write(Self.products.map { F.good(npi: F.npiA, brand: $0.brand, generic: $0.generic, claims: $0.claims) }, to: lake)
        _ = try Cleanser(lake: lake, options: options).run()
        _ = try Transform(lake: lake, workers: 1).run()
        var drugs: [String: Bool] = [:]
        for row in try rows(lake, "cleansed/drug") {
            guard case .string(let brand) = row["brand_name"], case .boolean(let flag) = row["is_generic"] else { continue }
            drugs[brand] = flag
        }
        guard case .double(let share) = try rows(lake, "curated/kpi_year").first?["generic_claim_share"] else { return (drugs, nil) }
        return (drugs, share)
    }

    @Test func theRuleDecidesIsGenericAndTheKPIFollows() throws {
        let (drugs, share) = try cleanseProducts(CleanseOptions(environment: [:]))
        #expect(drugs == ["Hydrocodone-Acetaminophen": true, "Norco": false, "Metformin Hcl Er": true, "Wixela Inhub": false, "Eliquis": false])
        #expect(share == 900.0 / 1240.0)
    }

    @Test func configOverridesWinAndReachTheKPI() throws {
        let config = try ConfigLoader.parse(
            text: "[drugs]\ngeneric = [\"WIXELA INHUB\"]\nbrand = [\"Metformin Hcl Er\"]\n", path: "rxpipe.toml")
        let (drugs, share) = try cleanseProducts(CleanseOptions(config: config))
        #expect(drugs == ["Hydrocodone-Acetaminophen": true, "Norco": false, "Metformin Hcl Er": false, "Wixela Inhub": true, "Eliquis": false])
        #expect(share == 700.0 / 1240.0)
    }
}
