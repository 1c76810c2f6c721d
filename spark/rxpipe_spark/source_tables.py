"""The four source tables (prescriber, drug, prescriber_drug, state) as rxpipe declares them
(SourceTable.columns): the columns of the PostgreSQL tables and of the four-table CSV layout."""

# (name, PostgreSQL type), in rxpipe's order; the raw zone keeps integer as int32, bigint as int64,
# numeric as double and numeric(14,2) as exact cents.
TABLES = {
    "prescriber": [("npi", "bigint")] + [(n, "text") for n in (
        "last_org_name", "first_name", "city", "state_abbr", "state_fips", "prescriber_type", "type_source")],
    "drug": [("drug_id", "integer"), ("brand_name", "text"), ("generic_name", "text")],
    "prescriber_drug": [
        ("year", "integer"), ("npi", "bigint"), ("drug_id", "integer"), ("tot_clms", "integer"),
        ("tot_30day_fills", "numeric"), ("tot_day_suply", "integer"), ("tot_drug_cst", "numeric(14,2)"),
        ("tot_benes", "integer"), ("ge65_sprsn_flag", "text"), ("ge65_tot_clms", "integer"),
        ("ge65_tot_30day_fills", "numeric"), ("ge65_tot_drug_cst", "numeric(14,2)"), ("ge65_tot_day_suply", "integer"),
        ("ge65_bene_sprsn_flag", "text"), ("ge65_tot_benes", "integer")],
    "state": [("state_abbr", "text"), ("state_fips", "text"), ("state_name", "text"), ("region", "text"),
              ("division", "text"), ("population", "bigint")],
}
