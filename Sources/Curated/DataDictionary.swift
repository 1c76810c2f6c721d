/// What every published column of the curated tables means (docs/tables.md is the contract;
/// the CMS names are those of the "by Provider and Drug" file). One source for the data
/// dictionary page and the `unit` of each column in the JSON downloads (docs/site-data.md).
public enum DataDictionary {
    public struct Entry: Sendable, Equatable {
        /// What the value is.
        public var meaning: String
        /// Its unit: `count`, `USD`, `fraction` (0…1), `text`, …
        public var unit: String
        /// The CMS column(s) it comes from, or "derived".
        public var source: String
        /// How rxpipe computes it.
        public var rule: String
    }

    /// What each curated table holds, one line, for the page.
    public static let tables: [String: String] = [
        "kpi_year": "One row per data year: the national totals.",
        "drug_summary": "One row per data year and product (brand name and generic name).",
        "generic_summary": "One row per data year and drug by generic name, all its products combined.",
        "state_summary": "One row per data year and state (the prescriber's state).",
        "specialty_summary": "One row per data year and prescriber specialty.",
        "prescriber_summary": "One row per data year and prescriber (NPI). Downloaded as gzip CSV per state; no JSON (too large).",
        "top_prescribers_by_state": "The 5 prescribers with the most claims per data year and state.",
        "state_drug": "The 25 drugs (generic names) with the most claims per data year and state.",
        "state_specialty": "One row per data year, state and specialty.",
        "specialty_drug": "The 10 drugs (generic names) with the most claims per data year and specialty.",
        "drug_trend": "One row per drug (generic name) and data year, for trends.",
        "prescriber_outliers": "One row per prescriber and metric far from their peers (same year, specialty and state): a question, not an accusation.",
    ]

    /// The entry of `column` in `table`, or nil when the column is not described.
    public static func entry(table: String, column: String) -> Entry? {
        specific[table]?[column] ?? common[column]
    }

    private static let sumRule = "sum over the group's rows"

    private static let common: [String: Entry] = [
        "year": Entry(meaning: "Data year (the calendar year of the claims)", unit: "year", source: "the file's year (CMS publishes one file per year)", rule: "taken from the source"),
        "generic_name": Entry(meaning: "Generic name of the drug: the grouping key of a drug", unit: "text", source: "Gnrc_Name", rule: "text normalised; names compare case-insensitively, the byte-wise smallest spelling is published"),
        "brand_name": Entry(meaning: "Brand (product) name", unit: "text", source: "Brnd_Name", rule: "text normalised, as generic_name"),
        "state": Entry(meaning: "Two-letter code of the prescriber's state or territory", unit: "text", source: "Prscrbr_State_Abrvtn", rule: "upper case, checked against the state reference; the prescriber's state that year"),
        "state_name": Entry(meaning: "Name of the state or territory", unit: "text", source: "state reference (assets/us-states.csv or the source's state table)", rule: "looked up by state; empty if unknown"),
        "prescriber_type": Entry(meaning: "Prescriber specialty", unit: "text", source: "Prscrbr_Type", rule: "the prescriber's most frequent type that year; empty when none is recorded"),
        "prescribers": Entry(meaning: "Prescribers (distinct NPIs) with rows in the group", unit: "count", source: "Prscrbr_NPI", rule: "count of distinct NPIs; shown at any size (see the disclosure policy)"),
        "claims": Entry(meaning: "Part D claims, original prescriptions and refills", unit: "count", source: "Tot_Clms", rule: sumRule + "; each source row has 11 or more"),
        "fills_30day": Entry(meaning: "Standardised 30-day fills", unit: "count (decimal)", source: "Tot_30day_Fills", rule: sumRule + "; empty when every value is missing"),
        "day_supply": Entry(meaning: "Days' supply dispensed", unit: "days", source: "Tot_Day_Suply", rule: sumRule + "; empty when every value is missing"),
        "drug_cost": Entry(meaning: "Total drug cost paid by plans, beneficiaries and others, before rebates", unit: "USD", source: "Tot_Drug_Cst", rule: sumRule + ", exact to the cent"),
        "cost_per_claim": Entry(meaning: "Drug cost per claim", unit: "USD per claim", source: "derived", rule: "drug_cost ÷ claims; empty when claims is 0"),
        "cost_per_day": Entry(meaning: "Drug cost per day of supply", unit: "USD per day", source: "derived", rule: "drug_cost ÷ day_supply (the days of rows that have them)"),
        "generic_claim_share": Entry(meaning: "Share of claims for products sold under their generic name", unit: "fraction (0–1)", source: "derived from Brnd_Name and Gnrc_Name", rule: "claims of generic products ÷ claims (the generic-name rule decides what is generic)"),
        "claim_share": Entry(meaning: "Share of the year's claims", unit: "fraction (0–1)", source: "derived", rule: "claims ÷ the year's claims"),
        "cost_share": Entry(meaning: "Share of the year's drug cost", unit: "fraction (0–1)", source: "derived", rule: "drug_cost ÷ the year's drug cost"),
        "rank": Entry(meaning: "Rank by claims within the group", unit: "rank (1 = most)", source: "derived", rule: "row number by claims descending, ties by name"),
        "rank_claims": Entry(meaning: "Rank by claims within the year", unit: "rank (1 = most)", source: "derived", rule: "row number by claims descending, ties by name"),
        "rank_cost": Entry(meaning: "Rank by drug cost within the year", unit: "rank (1 = most)", source: "derived", rule: "row number by drug_cost descending, ties by name"),
        "npi": Entry(meaning: "National Provider Identifier of the prescriber, or its pseudonym", unit: "identifier", source: "Prscrbr_NPI", rule: "as published by CMS; a keyed pseudonym (≥ 2^61) when the lake is pseudonymised"),
        "display_name": Entry(meaning: "Prescriber's name as shown", unit: "text", source: "Prscrbr_First_Name, Prscrbr_Last_Org_Name", rule: "\"First Last\" for people, the organisation name otherwise; \"Prescriber\" and the last 6 digits when pseudonymised or unnamed"),
        "yoy_claims": Entry(meaning: "Change in claims against the previous data year present", unit: "relative change (0.05 = +5%)", source: "derived", rule: "(x − previous) ÷ previous; empty for the first year or a previous value of 0"),
        "yoy_drug_cost": Entry(meaning: "Change in drug cost against the previous data year present", unit: "relative change", source: "derived", rule: "(x − previous) ÷ previous; empty for the first year or a previous value of 0"),
        "yoy_prescribers": Entry(meaning: "Change in prescribers against the previous data year", unit: "relative change", source: "derived", rule: "(x − previous) ÷ previous"),
        "yoy_cost_per_claim": Entry(meaning: "Change in cost per claim against the previous data year", unit: "relative change", source: "derived", rule: "(x − previous) ÷ previous"),
        "yoy_generic_claim_share": Entry(meaning: "Change in generic claim share against the previous data year", unit: "share points (fraction)", source: "derived", rule: "share − previous share (a difference, not relative)"),
    ]

    private static let specific: [String: [String: Entry]] = [
        "kpi_year": [
            "drugs": Entry(meaning: "Products (brand and generic name pairs) with rows that year", unit: "count", source: "Brnd_Name, Gnrc_Name", rule: "count of distinct drug_id"),
        ],
        "drug_summary": [
            "is_generic": Entry(meaning: "The product is sold under its generic name", unit: "boolean", source: "Brnd_Name, Gnrc_Name", rule: "the generic-name rule: both names give the same ingredient words; configured overrides win"),
            "rank_claims": Entry(meaning: "Rank of the product by claims within the year", unit: "rank (1 = most)", source: "derived", rule: "row number by claims descending, then generic_name, brand_name"),
            "rank_cost": Entry(meaning: "Rank of the product by drug cost within the year", unit: "rank (1 = most)", source: "derived", rule: "row number by drug_cost descending, then generic_name, brand_name"),
        ],
        "generic_summary": [
            "brand_count": Entry(meaning: "Products (distinct brand names) of the generic with rows that year", unit: "count", source: "Brnd_Name", rule: "count of distinct brand names"),
        ],
        "state_summary": [
            "claims_per_prescriber": Entry(meaning: "Claims per prescriber", unit: "claims per prescriber", source: "derived", rule: "claims ÷ prescribers"),
            "population": Entry(meaning: "Resident population of the state", unit: "residents", source: "state reference (assets/us-states.csv or the source's state table)", rule: "looked up by state; empty for codes without a population"),
            "claims_per_1000_residents": Entry(meaning: "Claims per 1,000 residents", unit: "claims per 1,000 residents", source: "derived", rule: "claims × 1000 ÷ population"),
            "cost_per_resident": Entry(meaning: "Drug cost per resident", unit: "USD per resident", source: "derived", rule: "drug_cost ÷ population"),
        ],
        "specialty_summary": [
            "top_generic_name": Entry(meaning: "The drug (generic name) with the most claims in the specialty", unit: "text", source: "Gnrc_Name", rule: "most claims, ties by name"),
        ],
        "prescriber_summary": [
            "drugs": Entry(meaning: "Products the prescriber has rows for", unit: "count", source: "Brnd_Name, Gnrc_Name", rule: "count of distinct drug_id"),
            "claims": Entry(meaning: "The prescriber's claims that year", unit: "count", source: "Tot_Clms", rule: "sum over the prescriber's rows"),
        ],
        "top_prescribers_by_state": [
            "rank": Entry(meaning: "Rank of the prescriber by claims in the state (1–5)", unit: "rank (1 = most)", source: "derived", rule: "row number by claims descending, display_name, then npi"),
            "claims": Entry(meaning: "The prescriber's claims that year", unit: "count", source: "Tot_Clms", rule: "sum over the prescriber's rows"),
        ],
        "state_drug": [
            "rank": Entry(meaning: "Rank of the drug by claims in the state (1–25)", unit: "rank (1 = most)", source: "derived", rule: "row number by claims descending, then generic_name"),
            "prescribers": Entry(meaning: "Prescribers of the state with rows for the drug", unit: "count", source: "Prscrbr_NPI", rule: "count of distinct NPIs"),
        ],
        "specialty_drug": [
            "rank": Entry(meaning: "Rank of the drug by claims in the specialty (1–10)", unit: "rank (1 = most)", source: "derived", rule: "row number by claims descending, then generic_name"),
            "prescribers": Entry(meaning: "Prescribers of the specialty with rows for the drug", unit: "count", source: "Prscrbr_NPI", rule: "count of distinct NPIs"),
        ],
        "prescriber_outliers": [
            "metric": Entry(meaning: "The measure compared with the peers", unit: "text", source: "derived", rule: "cost_per_claim (drug_cost ÷ claims) or brand_share (claims of drugs not sold under their generic name ÷ claims)"),
            "value": Entry(meaning: "The prescriber's value of the metric", unit: "USD per claim, or fraction (0–1)", source: "derived from Tot_Drug_Cst, Tot_Clms, Brnd_Name, Gnrc_Name", rule: "the metric over the prescriber's rows that year"),
            "peer_median": Entry(meaning: "Median of the metric over the peers", unit: "as value", source: "derived", rule: "continuous median over the eligible prescribers of the same year, specialty and state, the prescriber included"),
            "peer_mad": Entry(meaning: "Median absolute deviation of the peers, on the compared scale", unit: "ln USD per claim, or fraction", source: "derived", rule: "median |s − median| of the compared values (natural log of cost per claim; brand share as is)"),
            "robust_z": Entry(meaning: "How far the prescriber is from the peers", unit: "robust z-score", source: "derived", rule: "(s − median) ÷ (1.4826 × MAD); a row is written when |robust_z| ≥ [outliers] threshold"),
            "peer_count": Entry(meaning: "Eligible prescribers in the peer group", unit: "count", source: "Prscrbr_NPI", rule: "prescribers of the group with at least [outliers] min_claims claims; groups below min_peers are not compared"),
            "claims": Entry(meaning: "The prescriber's claims that year", unit: "count", source: "Tot_Clms", rule: "sum over the prescriber's rows"),
        ],
        "drug_trend": [
            "yoy_claims": Entry(meaning: "Change in the drug's claims against the previous data year present", unit: "relative change (0.05 = +5%)", source: "derived", rule: "(x − previous) ÷ previous; empty when the drug had no rows that year"),
            "yoy_drug_cost": Entry(meaning: "Change in the drug's cost against the previous data year present", unit: "relative change", source: "derived", rule: "(x − previous) ÷ previous; empty when the drug had no rows that year"),
        ],
    ]
}
