import Lake

/// The curated schemas of docs/tables.md, column for column: the contract `Transformation`
/// writes and every reader checks (`TableRows.read` of a curated table fails naming the table
/// and the column when a contracted column is missing or of another type).
public enum CuratedSchemas {
    public static let kpiYear = Schema([
        Field("year", .int32, nullable: false), Field("prescribers", .int64, nullable: false), Field("drugs", .int64, nullable: false),
        Field("claims", .int64, nullable: false), Field("fills_30day", .double), Field("day_supply", .int64),
        Field("drug_cost", .decimal, nullable: false), Field("cost_per_claim", .double), Field("generic_claim_share", .double),
        Field("yoy_prescribers", .double), Field("yoy_claims", .double), Field("yoy_drug_cost", .double),
        Field("yoy_cost_per_claim", .double), Field("yoy_generic_claim_share", .double),
    ])

    public static let drugSummary = Schema([
        Field("year", .int32, nullable: false), Field("generic_name", .string, nullable: false), Field("brand_name", .string, nullable: false),
        Field("is_generic", .boolean, nullable: false), Field("prescribers", .int64, nullable: false), Field("claims", .int64, nullable: false),
        Field("fills_30day", .double), Field("day_supply", .int64), Field("drug_cost", .decimal, nullable: false),
        Field("cost_per_claim", .double), Field("cost_per_day", .double), Field("claim_share", .double), Field("cost_share", .double),
        Field("rank_claims", .int32, nullable: false), Field("rank_cost", .int32, nullable: false),
    ])

    public static let genericSummary = Schema([
        Field("year", .int32, nullable: false), Field("generic_name", .string, nullable: false), Field("brand_count", .int64, nullable: false),
        Field("prescribers", .int64, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
        Field("generic_claim_share", .double), Field("rank_claims", .int32, nullable: false), Field("rank_cost", .int32, nullable: false),
    ])

    public static let stateSummary = Schema([
        Field("year", .int32, nullable: false), Field("state", .string, nullable: false), Field("state_name", .string),
        Field("prescribers", .int64, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
        Field("cost_per_claim", .double), Field("claims_per_prescriber", .double), Field("generic_claim_share", .double),
        Field("population", .int64), Field("claims_per_1000_residents", .double), Field("cost_per_resident", .double),
    ])

    public static let specialtySummary = Schema([
        Field("year", .int32, nullable: false), Field("prescriber_type", .string), Field("prescribers", .int64, nullable: false),
        Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false), Field("cost_per_claim", .double),
        Field("generic_claim_share", .double), Field("top_generic_name", .string, nullable: false),
    ])

    public static let prescriberSummary = Schema([
        Field("year", .int32, nullable: false), Field("npi", .int64, nullable: false), Field("display_name", .string, nullable: false),
        Field("state", .string, nullable: false), Field("prescriber_type", .string), Field("drugs", .int64, nullable: false),
        Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false), Field("cost_per_claim", .double),
        Field("generic_claim_share", .double), Field("rank_in_state", .int32, nullable: false), Field("rank_in_type", .int32, nullable: false),
    ])

    public static let topPrescribersByState = Schema([
        Field("year", .int32, nullable: false), Field("state", .string, nullable: false), Field("rank", .int32, nullable: false),
        Field("npi", .int64, nullable: false), Field("display_name", .string, nullable: false), Field("prescriber_type", .string),
        Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
    ])

    public static let stateDrug = Schema([
        Field("year", .int32, nullable: false), Field("state", .string, nullable: false), Field("rank", .int32, nullable: false),
        Field("generic_name", .string, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
        Field("prescribers", .int64, nullable: false),
    ])

    public static let specialtyDrug = Schema([
        Field("year", .int32, nullable: false), Field("prescriber_type", .string), Field("rank", .int32, nullable: false),
        Field("generic_name", .string, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
        Field("prescribers", .int64, nullable: false),
    ])

    public static let stateSpecialty = Schema([
        Field("year", .int32, nullable: false), Field("state", .string, nullable: false), Field("prescriber_type", .string),
        Field("prescribers", .int64, nullable: false), Field("claims", .int64, nullable: false), Field("drug_cost", .decimal, nullable: false),
    ])

    public static let drugTrend = Schema([
        Field("generic_name", .string, nullable: false), Field("year", .int32, nullable: false), Field("claims", .int64, nullable: false),
        Field("drug_cost", .decimal, nullable: false), Field("yoy_claims", .double), Field("yoy_drug_cost", .double),
    ])
}

extension CuratedSchemas {
    public static let prescriberOutliers = Schema([
        Field("year", .int32, nullable: false), Field("npi", .int64, nullable: false), Field("display_name", .string, nullable: false),
        Field("state", .string, nullable: false), Field("prescriber_type", .string, nullable: false), Field("metric", .string, nullable: false),
        Field("value", .double, nullable: false), Field("peer_median", .double, nullable: false), Field("peer_mad", .double, nullable: false),
        Field("robust_z", .double, nullable: false), Field("peer_count", .int64, nullable: false), Field("claims", .int64, nullable: false),
    ])

    /// Every curated table's schema by table name.
    public static let byTable: [String: Schema] = [
        "kpi_year": kpiYear, "drug_summary": drugSummary, "generic_summary": genericSummary, "state_summary": stateSummary,
        "specialty_summary": specialtySummary, "prescriber_summary": prescriberSummary,
        "top_prescribers_by_state": topPrescribersByState, "state_drug": stateDrug, "specialty_drug": specialtyDrug,
        "state_specialty": stateSpecialty, "drug_trend": drugTrend, "prescriber_outliers": prescriberOutliers,
    ]
}
