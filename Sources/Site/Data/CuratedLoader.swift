import Curated
import Lake

/// Reads the curated tables of a lake into `CuratedData`.
public enum CuratedLoader {
    public static func load(_ lake: Lake) throws -> CuratedData {
        func table(_ name: String, _ columns: [String]? = nil) throws -> [TableRows.Row] {
            try TableRows.readCurated(lake, table: name, columns: columns).allRows
        }
        let kpis = try table("kpi_year").map { r in
            KPIYear(
                year: r.int("year") ?? 0, prescribers: r.int("prescribers") ?? 0, drugs: r.int("drugs") ?? 0,
                claims: r.int("claims") ?? 0, fills30Day: r.double("fills_30day") ?? 0,
                daySupply: r.int("day_supply") ?? 0, drugCost: r.double("drug_cost") ?? 0,
                costPerClaim: r.double("cost_per_claim") ?? 0, genericClaimShare: r.double("generic_claim_share") ?? 0,
                yoyPrescribers: r.double("yoy_prescribers"), yoyClaims: r.double("yoy_claims"),
                yoyDrugCost: r.double("yoy_drug_cost"), yoyCostPerClaim: r.double("yoy_cost_per_claim"),
                yoyGenericClaimShare: r.double("yoy_generic_claim_share"))
        }
        let drugs = try table("drug_summary").map { r in
            DrugSummary(
                year: r.int("year") ?? 0, genericName: r.string("generic_name") ?? "", brandName: r.string("brand_name") ?? "",
                isGeneric: r.bool("is_generic") ?? false, prescribers: r.int("prescribers") ?? 0, claims: r.int("claims") ?? 0,
                drugCost: r.double("drug_cost") ?? 0, costPerClaim: r.double("cost_per_claim") ?? 0,
                costPerDay: r.double("cost_per_day"), claimShare: r.double("claim_share") ?? 0,
                costShare: r.double("cost_share") ?? 0, rankClaims: r.int("rank_claims") ?? 0, rankCost: r.int("rank_cost") ?? 0)
        }
        let generics = try table("generic_summary").map { r in
            GenericSummary(
                year: r.int("year") ?? 0, genericName: r.string("generic_name") ?? "", brandCount: r.int("brand_count") ?? 0,
                prescribers: r.int("prescribers") ?? 0, claims: r.int("claims") ?? 0, drugCost: r.double("drug_cost") ?? 0,
                genericClaimShare: r.double("generic_claim_share") ?? 0, rankClaims: r.int("rank_claims") ?? 0,
                rankCost: r.int("rank_cost") ?? 0)
        }
        let states = try table("state_summary").map { r in
            StateSummary(
                year: r.int("year") ?? 0, state: r.string("state") ?? "", stateName: r.string("state_name") ?? "",
                prescribers: r.int("prescribers") ?? 0, claims: r.int("claims") ?? 0, drugCost: r.double("drug_cost") ?? 0,
                costPerClaim: r.double("cost_per_claim") ?? 0, claimsPerPrescriber: r.double("claims_per_prescriber") ?? 0,
                genericClaimShare: r.double("generic_claim_share") ?? 0, population: r.int("population"),
                claimsPer1000Residents: r.double("claims_per_1000_residents"), costPerResident: r.double("cost_per_resident"))
        }
        let specialties = try table("specialty_summary").map { r in
            SpecialtySummary(
                year: r.int("year") ?? 0, prescriberType: r.string("prescriber_type") ?? "",
                prescribers: r.int("prescribers") ?? 0, claims: r.int("claims") ?? 0, drugCost: r.double("drug_cost") ?? 0,
                costPerClaim: r.double("cost_per_claim") ?? 0, genericClaimShare: r.double("generic_claim_share") ?? 0,
                topGenericName: r.string("top_generic_name") ?? "")
        }
        let top = try table("top_prescribers_by_state").map { r in
            TopPrescriber(
                year: r.int("year") ?? 0, state: r.string("state") ?? "", rank: r.int("rank") ?? 0, npi: r.int("npi") ?? 0,
                displayName: r.string("display_name") ?? "", prescriberType: r.string("prescriber_type") ?? "",
                claims: r.int("claims") ?? 0, drugCost: r.double("drug_cost") ?? 0)
        }
        let stateDrugs = try table("state_drug").map { r in
            StateDrug(
                year: r.int("year") ?? 0, state: r.string("state") ?? "", rank: r.int("rank") ?? 0,
                genericName: r.string("generic_name") ?? "", claims: r.int("claims") ?? 0,
                drugCost: r.double("drug_cost") ?? 0, prescribers: r.int("prescribers") ?? 0)
        }
        let trends = try table("drug_trend").map { r in
            DrugTrend(
                genericName: r.string("generic_name") ?? "", year: r.int("year") ?? 0, claims: r.int("claims") ?? 0,
                drugCost: r.double("drug_cost") ?? 0, yoyClaims: r.double("yoy_claims"), yoyDrugCost: r.double("yoy_drug_cost"))
        }
        let stateSpecialties = try table("state_specialty").map { r in
            StateSpecialty(
                year: r.int("year") ?? 0, state: r.string("state") ?? "", prescriberType: r.string("prescriber_type") ?? "",
                prescribers: r.int("prescribers") ?? 0, claims: r.int("claims") ?? 0, drugCost: r.double("drug_cost") ?? 0)
        }
        let hasSpecialtyDrug = try lake.tables(zone: "curated").contains { $0.table == "specialty_drug" }
        let specialtyDrugs = try (hasSpecialtyDrug ? table("specialty_drug") : []).map { r in
            SpecialtyDrug(
                year: r.int("year") ?? 0, prescriberType: r.string("prescriber_type") ?? "", rank: r.int("rank") ?? 0,
                genericName: r.string("generic_name") ?? "", claims: r.int("claims") ?? 0,
                drugCost: r.double("drug_cost") ?? 0, prescribers: r.int("prescribers") ?? 0)
        }
        var data = CuratedData(
            kpis: kpis, drugs: drugs, generics: generics, states: states, specialties: specialties,
            topPrescribers: top, stateDrugs: stateDrugs, trends: trends, stateSpecialties: stateSpecialties, volumes: try volumes(lake),
            specialtyDrugs: specialtyDrugs)
        data.outliers = try PrescriberOutlier.load(lake)
        return data
    }

    /// Claims per prescriber, per year, read as two columns only (the table has a row per prescriber).
    static func volumes(_ lake: Lake) throws -> [PrescriberVolume] {
        let t = try lake.open(try Lake.TableName(zone: "curated", table: "prescriber_summary"))
        var byYear: [Int: [Double]] = [:]
        try t.scan(columns: ["year", "claims"]) { batch in
            let years = batch["year"]!, claims = batch["claims"]!
            for r in 0..<batch.rowCount {
                guard case .int64(let c) = claims.value(at: r) else { continue }
                let y: Int
                switch years.value(at: r) {
                case .int32(let v): y = Int(v)
                case .int64(let v): y = Int(v)
                default: continue
                }
                byYear[y, default: []].append(Double(c))
            }
        }
        return byYear.keys.sorted().map { PrescriberVolume(year: $0, claims: byYear[$0]!.sorted()) }
    }
}
