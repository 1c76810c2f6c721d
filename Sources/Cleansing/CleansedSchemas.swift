import Lake

/// The cleansed tables' schemas, exactly as docs/tables.md specifies them.
public enum CleansedSchemas {
    public static let prescriberDrug = Schema([
        Field("year", .int32, nullable: false), Field("npi", .int64, nullable: false), Field("drug_id", .int32, nullable: false),
        Field("tot_clms", .int64, nullable: false), Field("tot_30day_fills", .double), Field("tot_day_suply", .int64),
        Field("tot_drug_cst", .decimal, nullable: false), Field("tot_benes", .int64), Field("ge65_sprsn_flag", .string),
        Field("ge65_tot_clms", .int64), Field("ge65_tot_30day_fills", .double), Field("ge65_tot_drug_cst", .decimal),
        Field("ge65_tot_day_suply", .int64), Field("ge65_bene_sprsn_flag", .string), Field("ge65_tot_benes", .int64),
    ])

    public static let prescriber = Schema([
        Field("year", .int32, nullable: false), Field("npi", .int64, nullable: false), Field("last_org_name", .string),
        Field("first_name", .string), Field("city", .string), Field("state", .string, nullable: false), Field("state_fips", .string),
        Field("prescriber_type", .string), Field("type_source", .string),
    ])

    public static let drug = Schema([
        Field("drug_id", .int32, nullable: false), Field("brand_name", .string, nullable: false),
        Field("generic_name", .string, nullable: false), Field("is_generic", .boolean, nullable: false),
    ])

    public static let state = Schema([
        Field("state", .string, nullable: false), Field("state_fips", .string), Field("state_name", .string),
        Field("region", .string), Field("division", .string), Field("population", .int64),
    ])
}
