import Lake

/// The curated schemas of docs/tables.md, column for column.
enum CuratedSchemas {
    static let kpiYear = Schema([
        Field("year", .int32, nullable: false), Field("prescribers", .int64, nullable: false), Field("drugs", .int64, nullable: false),
        Field("claims", .int64, nullable: false), Field("fills_30day", .double), Field("day_supply", .int64),
        Field("drug_cost", .decimal, nullable: false), Field("cost_per_claim", .double), Field("generic_claim_share", .double),
        Field("yoy_prescribers", .double), Field("yoy_claims", .double), Field("yoy_drug_cost", .double),
        Field("yoy_cost_per_claim", .double), Field("yoy_generic_claim_share", .double),
    ])

    static let drugSummary = Schema([
        Field("year", .int32, nullable: false), Field("generic_name", .string, nullable: false), Field("brand_name", .string, nullable: false),
        Field("is_generic", .boolean, nullable: false), Field("prescribers", .int64, nullable: false), Field("claims", .int64, nullable: false),
        Field("fills_30day", .double), Field("day_supply", .int64), Field("drug_cost", .decimal, nullable: false),
        Field("cost_per_claim", .double), Field("cost_per_day", .double), Field("claim_share", .double), Field("cost_share", .double),
        Field("rank_claims", .int32, nullable: false), Field("rank_cost", .int32, nullable: false),
    ])

    static let genericSummary = Schema([
        Field("year", .int32, nullable: false), Field("generic_name", .string, nullable: false), Field("brand_count", .int64, nullable: false),
        Field("prescribers", .int64, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
        Field("generic_claim_share", .double), Field("rank_claims", .int32, nullable: false), Field("rank_cost", .int32, nullable: false),
    ])

    static let stateSummary = Schema([
        Field("year", .int32, nullable: false), Field("state", .string, nullable: false), Field("state_name", .string),
        Field("prescribers", .int64, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
        Field("cost_per_claim", .double), Field("claims_per_prescriber", .double), Field("generic_claim_share", .double),
        Field("population", .int64), Field("claims_per_1000_residents", .double), Field("cost_per_resident", .double),
    ])

    static let specialtySummary = Schema([
        Field("year", .int32, nullable: false), Field("prescriber_type", .string), Field("prescribers", .int64, nullable: false),
        Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false), Field("cost_per_claim", .double),
        Field("generic_claim_share", .double), Field("top_generic_name", .string, nullable: false),
    ])

    static let prescriberSummary = Schema([
        Field("year", .int32, nullable: false), Field("npi", .int64, nullable: false), Field("display_name", .string, nullable: false),
        Field("state", .string, nullable: false), Field("prescriber_type", .string), Field("drugs", .int64, nullable: false),
        Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false), Field("cost_per_claim", .double),
        Field("generic_claim_share", .double), Field("rank_in_state", .int32, nullable: false), Field("rank_in_type", .int32, nullable: false),
    ])

    static let topPrescribersByState = Schema([
        Field("year", .int32, nullable: false), Field("state", .string, nullable: false), Field("rank", .int32, nullable: false),
        Field("npi", .int64, nullable: false), Field("display_name", .string, nullable: false), Field("prescriber_type", .string),
        Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
    ])

    static let stateDrug = Schema([
        Field("year", .int32, nullable: false), Field("state", .string, nullable: false), Field("rank", .int32, nullable: false),
        Field("generic_name", .string, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
        Field("prescribers", .int64, nullable: false),
    ])

    static let specialtyDrug = Schema([
        Field("year", .int32, nullable: false), Field("prescriber_type", .string), Field("rank", .int32, nullable: false),
        Field("generic_name", .string, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
        Field("prescribers", .int64, nullable: false),
    ])

    static let stateSpecialty = Schema([
        Field("year", .int32, nullable: false), Field("state", .string, nullable: false), Field("prescriber_type", .string),
        Field("prescribers", .int64, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
    ])

    static let drugTrend = Schema([
        Field("generic_name", .string, nullable: false), Field("year", .int32, nullable: false), Field("claims", .int64, nullable: false),
        Field("drug_cost", .decimal, nullable: false), Field("yoy_claims", .double), Field("yoy_drug_cost", .double),
    ])
}

extension CuratedSchemas {
    static let prescriberOutliers = Schema([
        Field("year", .int32, nullable: false), Field("npi", .int64, nullable: false), Field("display_name", .string, nullable: false),
        Field("state", .string, nullable: false), Field("prescriber_type", .string, nullable: false), Field("metric", .string, nullable: false),
        Field("value", .double, nullable: false), Field("peer_median", .double, nullable: false), Field("peer_mad", .double, nullable: false),
        Field("robust_z", .double, nullable: false), Field("peer_count", .int64, nullable: false), Field("claims", .int64, nullable: false),
    ])
}
