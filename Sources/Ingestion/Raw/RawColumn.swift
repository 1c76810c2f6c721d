import Lake

/// A source column as rxpipe declares it for the raw zone.
public struct RawColumn: Sendable, Equatable {
    /// `decimal`: money, DECIMAL(18,2) parsed exactly into cents.
    public enum Kind: Sendable, Equatable { case int32, int64, double, decimal, string }
    public let name: String
    public let kind: Kind
    /// A file without this column is refused; optional columns become all-null.
    public let required: Bool

    public init(_ name: String, _ kind: Kind, required: Bool = true) {
        self.name = name
        self.kind = kind
        self.required = required
    }

    var columnType: ColumnType {
        switch kind {
        case .int32: return .int32
        case .int64: return .int64
        case .double: return .double
        case .decimal: return .decimal
        case .string: return .string
        }
    }
}

/// The columns of the CMS "Medicare Part D Prescribers – by Provider and Drug" file, with the
/// types rxpipe stores them as in `raw/cms_prescriber_drug`. Empty fields are nulls (CMS writes
/// suppressed values as empty strings).
public enum CMSWideLayout {
    public static let table = "cms_prescriber_drug"

    public static let columns: [RawColumn] = [
        .init("Prscrbr_NPI", .int64), .init("Prscrbr_Last_Org_Name", .string), .init("Prscrbr_First_Name", .string),
        .init("Prscrbr_City", .string), .init("Prscrbr_State_Abrvtn", .string), .init("Prscrbr_State_FIPS", .string),
        .init("Prscrbr_Type", .string), .init("Prscrbr_Type_Src", .string), .init("Brnd_Name", .string),
        .init("Gnrc_Name", .string), .init("Tot_Clms", .int64), .init("Tot_30day_Fills", .double),
        .init("Tot_Day_Suply", .int64), .init("Tot_Drug_Cst", .decimal), .init("Tot_Benes", .int64),
        .init("GE65_Sprsn_Flag", .string), .init("GE65_Tot_Clms", .int64), .init("GE65_Tot_30day_Fills", .double),
        .init("GE65_Tot_Drug_Cst", .decimal), .init("GE65_Tot_Day_Suply", .int64), .init("GE65_Bene_Sprsn_Flag", .string),
        .init("GE65_Tot_Benes", .int64),
    ]

    /// The year of a CMS file from its name: `…_DY22_…` → 2022.
    public static func year(fromFileName name: String) -> Int? {
        guard let range = name.range(of: "_DY", options: .caseInsensitive) else { return nil }
        let digits = name[range.upperBound...].prefix { $0.isNumber }
        guard digits.count == 2, let yy = Int(digits) else { return nil }
        return 2000 + yy
    }
}
