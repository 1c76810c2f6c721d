/// Rows of the curated tables the site reads (docs/tables.md is the contract).
public struct KPIYear: Sendable, Equatable {
    public var year: Int
    public var prescribers: Int
    public var drugs: Int
    public var claims: Int
    public var fills30Day: Double
    public var daySupply: Int
    public var drugCost: Double
    public var costPerClaim: Double
    public var genericClaimShare: Double
    public var yoyPrescribers: Double?
    public var yoyClaims: Double?
    public var yoyDrugCost: Double?
    public var yoyCostPerClaim: Double?
    public var yoyGenericClaimShare: Double?
}

public struct DrugSummary: Sendable, Equatable {
    public var year: Int
    public var genericName: String
    public var brandName: String
    public var isGeneric: Bool
    public var prescribers: Int
    public var claims: Int
    public var drugCost: Double
    public var costPerClaim: Double
    public var costPerDay: Double?
    public var claimShare: Double
    public var costShare: Double
    public var rankClaims: Int
    public var rankCost: Int
}

public struct GenericSummary: Sendable, Equatable {
    public var year: Int
    public var genericName: String
    public var brandCount: Int
    public var prescribers: Int
    public var claims: Int
    public var drugCost: Double
    public var genericClaimShare: Double
    public var rankClaims: Int
    public var rankCost: Int
}

public struct StateSummary: Sendable, Equatable {
    public var year: Int
    public var state: String
    public var stateName: String
    public var prescribers: Int
    public var claims: Int
    public var drugCost: Double
    public var costPerClaim: Double
    public var claimsPerPrescriber: Double
    public var genericClaimShare: Double
    public var population: Int?
    public var claimsPer1000Residents: Double?
    public var costPerResident: Double?
}

public struct SpecialtySummary: Sendable, Equatable {
    public var year: Int
    public var prescriberType: String
    public var prescribers: Int
    public var claims: Int
    public var drugCost: Double
    public var costPerClaim: Double
    public var genericClaimShare: Double
    public var topGenericName: String
}

public struct TopPrescriber: Sendable, Equatable {
    public var year: Int
    public var state: String
    public var rank: Int
    public var npi: Int
    public var displayName: String
    public var prescriberType: String
    public var claims: Int
    public var drugCost: Double
}

public struct StateDrug: Sendable, Equatable {
    public var year: Int
    public var state: String
    public var rank: Int
    public var genericName: String
    public var claims: Int
    public var drugCost: Double
    public var prescribers: Int
}

/// A row of `specialty_drug`: one of the 10 generics with the most claims in a specialty.
public struct SpecialtyDrug: Sendable, Equatable {
    public var year: Int
    public var prescriberType: String
    public var rank: Int
    public var genericName: String
    public var claims: Int
    public var drugCost: Double
    public var prescribers: Int

    public init(year: Int, prescriberType: String, rank: Int, genericName: String, claims: Int, drugCost: Double, prescribers: Int) {
        self.year = year
        self.prescriberType = prescriberType
        self.rank = rank
        self.genericName = genericName
        self.claims = claims
        self.drugCost = drugCost
        self.prescribers = prescribers
    }
}

public struct DrugTrend: Sendable, Equatable {
    public var genericName: String
    public var year: Int
    public var claims: Int
    public var drugCost: Double
    public var yoyClaims: Double?
    public var yoyDrugCost: Double?
}

public struct StateSpecialty: Sendable, Equatable {
    public var year: Int
    public var state: String
    public var prescriberType: String
    public var prescribers: Int
    public var claims: Int
    public var drugCost: Double
}

/// Prescribers of one year by state and specialty: claims per prescriber (for the volume
/// distribution) and the specialty-level leaders, from `prescriber_summary`.
public struct PrescriberVolume: Sendable, Equatable {
    public var year: Int
    /// Claims of every prescriber that year, ascending.
    public var claims: [Double]
}

/// Everything the site shows from the curated zone.
public struct CuratedData: Sendable {
    public var kpis: [KPIYear]
    public var drugs: [DrugSummary]
    public var generics: [GenericSummary]
    public var states: [StateSummary]
    public var specialties: [SpecialtySummary]
    public var topPrescribers: [TopPrescriber]
    public var stateDrugs: [StateDrug]
    public var trends: [DrugTrend]
    public var stateSpecialties: [StateSpecialty]
    public var volumes: [PrescriberVolume]
    /// `prescriber_outliers` (empty for a lake transformed before it existed).
    public var outliers: [PrescriberOutlier] = []
    /// Empty for a lake transformed before `specialty_drug` existed (the pages then say so).
    public var specialtyDrugs: [SpecialtyDrug]

    public init(
        kpis: [KPIYear], drugs: [DrugSummary], generics: [GenericSummary], states: [StateSummary],
        specialties: [SpecialtySummary], topPrescribers: [TopPrescriber], stateDrugs: [StateDrug],
        trends: [DrugTrend], stateSpecialties: [StateSpecialty], volumes: [PrescriberVolume],
        specialtyDrugs: [SpecialtyDrug] = []
    ) {
        self.specialtyDrugs = specialtyDrugs
        self.kpis = kpis.sorted { $0.year < $1.year }
        self.drugs = drugs
        self.generics = generics
        self.states = states
        self.specialties = specialties
        self.topPrescribers = topPrescribers
        self.stateDrugs = stateDrugs
        self.trends = trends
        self.stateSpecialties = stateSpecialties
        self.volumes = volumes
    }

    public var years: [Int] { kpis.map(\.year) }
    public var latestYear: Int? { kpis.last?.year }
}
