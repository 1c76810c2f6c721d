/// What the disclosure policy must protect in one column, decided from its name alone so the
/// same rule holds for the CMS names (`Tot_Benes`), the four-table names (`tot_benes`) and the
/// cleansed/curated names.
public struct ColumnSensitivity: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// A count of beneficiaries (`Tot_Benes`, `GE65_Tot_Benes`): never shown below the
    /// threshold, never summed (so no sum and no mean, which times the count is the sum).
    public static let beneficiaryCount = ColumnSensitivity(rawValue: 1 << 0)
    /// A count of claims on one prescriber × drug row (`Tot_Clms`, `GE65_Tot_Clms`): CMS
    /// publishes no row under 11 claims, so a value below the threshold is never shown.
    public static let claimCount = ColumnSensitivity(rawValue: 1 << 1)
    /// A 65+ figure governed by a CMS suppression flag (`*` primary, `#` complementary): hidden
    /// whenever its flag is set.
    public static let flagGoverned = ColumnSensitivity(rawValue: 1 << 2)
    /// A prescriber identifier (the NPI): real values never shown when pseudonymising.
    public static let identifier = ColumnSensitivity(rawValue: 1 << 3)
    /// A prescriber's name: never shown when pseudonymising.
    public static let personName = ColumnSensitivity(rawValue: 1 << 4)
    /// Where a row came from (`_source` file or table, `_line`): one lookup in the public CMS
    /// file away from the prescriber, so never shown when pseudonymising.
    public static let sourceLocation = ColumnSensitivity(rawValue: 1 << 5)
    /// A measure on one row (fills, day supply, cost): hidden with the row's claims when those
    /// are below the threshold, since it reveals them (a 30-day fill count is about the claims).
    public static let rowMeasure = ColumnSensitivity(rawValue: 1 << 6)

    /// Small counts are hidden in these columns.
    public static let smallCounts: ColumnSensitivity = [.beneficiaryCount, .claimCount]

    /// The classification of a column by its name (case and the `Prscrbr_` prefix ignored).
    public static func of(_ column: String) -> ColumnSensitivity {
        let name = column.lowercased()
        var out: ColumnSensitivity = []
        if name.split(separator: "_").contains(where: { $0 == "benes" || $0.hasPrefix("beneficiar") }) { out.insert(.beneficiaryCount) }
        if name.hasSuffix("tot_clms") { out.insert(.claimCount) }
        if name.hasPrefix("ge65_") && !name.hasSuffix("_flag") { out.insert(.flagGoverned) }
        if ["prscrbr_npi", "npi"].contains(name) { out.insert(.identifier) }
        if ["prscrbr_last_org_name", "prscrbr_first_name", "last_org_name", "first_name", "prscrbr_mi"].contains(name) {
            out.insert(.personName)
        }
        if name == "_source" || name == "_line" { out.insert(.sourceLocation) }
        if ["tot_30day_fills", "tot_day_suply", "tot_drug_cst"].contains(where: { name.hasSuffix($0) }) { out.insert(.rowMeasure) }
        return out
    }

    /// The flag column that governs a 65+ column (`GE65_Sprsn_Flag` for claims, fills, cost and
    /// day supply; `GE65_Bene_Sprsn_Flag` for beneficiaries), in lower case.
    public static func governingFlag(of column: String) -> String? {
        let name = column.lowercased()
        guard name.hasPrefix("ge65_"), !name.hasSuffix("_flag") else { return nil }
        return name.contains("benes") ? "ge65_bene_sprsn_flag" : "ge65_sprsn_flag"
    }
}
