"""The 22 columns of the CMS "Prescribers by Provider and Drug" CSV with the types both peers
read them as (the raw-zone types of docs/tables.md), and the step definitions they share."""

# (name, kind) with kind one of "int64", "double", "string".
COLUMNS = [
    ("Prscrbr_NPI", "int64"),
    ("Prscrbr_Last_Org_Name", "string"),
    ("Prscrbr_First_Name", "string"),
    ("Prscrbr_City", "string"),
    ("Prscrbr_State_Abrvtn", "string"),
    ("Prscrbr_State_FIPS", "string"),
    ("Prscrbr_Type", "string"),
    ("Prscrbr_Type_Src", "string"),
    ("Brnd_Name", "string"),
    ("Gnrc_Name", "string"),
    ("Tot_Clms", "int64"),
    ("Tot_30day_Fills", "double"),
    ("Tot_Day_Suply", "int64"),
    ("Tot_Drug_Cst", "double"),
    ("Tot_Benes", "int64"),
    ("GE65_Sprsn_Flag", "string"),
    ("GE65_Tot_Clms", "int64"),
    ("GE65_Tot_30day_Fills", "double"),
    ("GE65_Tot_Drug_Cst", "double"),
    ("GE65_Tot_Day_Suply", "int64"),
    ("GE65_Bene_Sprsn_Flag", "string"),
    ("GE65_Tot_Benes", "int64"),
]

NUMERIC = {"int64", "double"}

# The seven curated aggregates, in output order (file name = key + ".parquet").
AGGREGATES = [
    "by_generic",
    "by_brand",
    "by_state",
    "by_type",
    "per_prescriber",
    "top5_per_state",
    "generic_share_by_state",
]
