/// The names people read for the curated tables and their columns ("Cost per claim", not
/// `cost_per_claim`): one source for the run comparison and any page that names a column.
/// A column without a label reads as its name in sentence case.
public enum ColumnLabels {
    /// "Drugs" for `generic_summary`; the table's own name when it has no label.
    public static func table(_ table: String) -> String { tables[table] ?? table }

    /// "Cost per claim" for `cost_per_claim`.
    public static func column(_ column: String, table: String = "") -> String {
        specific[table]?[column] ?? columns[column] ?? sentenceCase(column)
    }

    private static let tables: [String: String] = [
        "kpi_year": "Headline figures", "drug_summary": "Products", "generic_summary": "Drugs",
        "state_summary": "States", "specialty_summary": "Specialties", "prescriber_summary": "Prescribers",
        "top_prescribers_by_state": "Top prescribers by state", "state_drug": "Top drugs by state",
        "state_specialty": "Specialties by state", "specialty_drug": "Top drugs by specialty",
        "drug_trend": "Drug trends", "prescriber_outliers": "Prescriber outliers",
    ]

    private static let columns: [String: String] = [
        "year": "Year", "generic_name": "Drug", "brand_name": "Brand", "state": "State", "state_name": "State name",
        "prescriber_type": "Specialty", "prescribers": "Prescribers", "drugs": "Drugs", "claims": "Claims",
        "fills_30day": "30-day fills", "day_supply": "Days' supply", "drug_cost": "Drug cost", "cost_per_claim": "Cost per claim",
        "cost_per_day": "Cost per day", "generic_claim_share": "Generic claim share", "claim_share": "Share of claims",
        "cost_share": "Share of drug cost", "brand_share": "Brand share", "rank": "Rank", "rank_claims": "Rank by claims",
        "rank_cost": "Rank by drug cost", "npi": "NPI", "display_name": "Prescriber", "is_generic": "Sold as generic",
        "brand_count": "Brands", "claims_per_prescriber": "Claims per prescriber", "population": "Population",
        "claims_per_1000_residents": "Claims per 1,000 residents", "cost_per_resident": "Cost per resident",
        "top_generic_name": "Most prescribed drug", "rank_in_state": "Rank in state", "rank_in_type": "Rank in specialty",
        "yoy_prescribers": "Prescribers, change on the year before", "yoy_claims": "Claims, change on the year before",
        "yoy_drug_cost": "Drug cost, change on the year before", "yoy_cost_per_claim": "Cost per claim, change on the year before",
        "yoy_generic_claim_share": "Generic claim share, change on the year before", "metric": "Measure", "value": "Value",
        "peer_median": "Peer median", "peer_mad": "Peer MAD", "robust_z": "Robust z", "peer_count": "Peers",
    ]

    private static let specific: [String: [String: String]] = [
        "kpi_year": ["drugs": "Products"],
        "drug_summary": ["generic_name": "Generic name"],
    ]

    /// `claims_per_prescriber` → "Claims per prescriber".
    static func sentenceCase(_ name: String) -> String {
        let words = name.split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
