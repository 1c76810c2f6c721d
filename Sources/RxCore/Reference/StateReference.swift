/// The state codes CMS uses in `Prscrbr_State_Abrvtn`, with FIPS, Census region and division,
/// and 2020 Census population.
///
/// Generated from `assets/us-states.csv` (provenance in `assets/us-states.README.md`), plus the
/// codes CMS uses that have no population: FM, the armed forces codes AA/AE/AP, XX (unknown)
/// and ZZ (foreign country). `StateReferenceTests` checks this table against the CSV.
public struct StateInfo: Sendable, Equatable {
    public enum Kind: String, Sendable { case state, district, territory, military, unknown, foreign }
    public let code: String
    /// Two-digit FIPS code; empty where none exists.
    public let fips: String
    public let name: String
    public let region: String
    public let division: String
    /// 2020 Census resident population; nil where the Census publishes none.
    public let population: Int?
    public let kind: Kind
}

public enum StateReference {
    /// Where `population` comes from and its vintage, as `assets/us-states.README.md` states it
    /// (`StateReferenceTests` keeps the two in step). Named wherever a per-resident figure is shown.
    public static let populationSource = "US Census Bureau, \(populationVintage) resident population (1 April 2020)"
    /// The short name of the population's vintage, for figures that cite it in passing.
    public static let populationVintage = "2020 Census"
    public static let all: [StateInfo] = [
        .init(code: "AL", fips: "01", name: "Alabama", region: "South", division: "East South Central", population: 5024279, kind: .state),
        .init(code: "AK", fips: "02", name: "Alaska", region: "West", division: "Pacific", population: 733391, kind: .state),
        .init(code: "AZ", fips: "04", name: "Arizona", region: "West", division: "Mountain", population: 7151502, kind: .state),
        .init(code: "AR", fips: "05", name: "Arkansas", region: "South", division: "West South Central", population: 3011524, kind: .state),
        .init(code: "CA", fips: "06", name: "California", region: "West", division: "Pacific", population: 39538223, kind: .state),
        .init(code: "CO", fips: "08", name: "Colorado", region: "West", division: "Mountain", population: 5773714, kind: .state),
        .init(code: "CT", fips: "09", name: "Connecticut", region: "Northeast", division: "New England", population: 3605944, kind: .state),
        .init(code: "DE", fips: "10", name: "Delaware", region: "South", division: "South Atlantic", population: 989948, kind: .state),
        .init(code: "DC", fips: "11", name: "District of Columbia", region: "South", division: "South Atlantic", population: 689545, kind: .district),
        .init(code: "FL", fips: "12", name: "Florida", region: "South", division: "South Atlantic", population: 21538187, kind: .state),
        .init(code: "GA", fips: "13", name: "Georgia", region: "South", division: "South Atlantic", population: 10711908, kind: .state),
        .init(code: "HI", fips: "15", name: "Hawaii", region: "West", division: "Pacific", population: 1455271, kind: .state),
        .init(code: "ID", fips: "16", name: "Idaho", region: "West", division: "Mountain", population: 1839106, kind: .state),
        .init(code: "IL", fips: "17", name: "Illinois", region: "Midwest", division: "East North Central", population: 12812508, kind: .state),
        .init(code: "IN", fips: "18", name: "Indiana", region: "Midwest", division: "East North Central", population: 6785528, kind: .state),
        .init(code: "IA", fips: "19", name: "Iowa", region: "Midwest", division: "West North Central", population: 3190369, kind: .state),
        .init(code: "KS", fips: "20", name: "Kansas", region: "Midwest", division: "West North Central", population: 2937880, kind: .state),
        .init(code: "KY", fips: "21", name: "Kentucky", region: "South", division: "East South Central", population: 4505836, kind: .state),
        .init(code: "LA", fips: "22", name: "Louisiana", region: "South", division: "West South Central", population: 4657757, kind: .state),
        .init(code: "ME", fips: "23", name: "Maine", region: "Northeast", division: "New England", population: 1362359, kind: .state),
        .init(code: "MD", fips: "24", name: "Maryland", region: "South", division: "South Atlantic", population: 6177224, kind: .state),
        .init(code: "MA", fips: "25", name: "Massachusetts", region: "Northeast", division: "New England", population: 7029917, kind: .state),
        .init(code: "MI", fips: "26", name: "Michigan", region: "Midwest", division: "East North Central", population: 10077331, kind: .state),
        .init(code: "MN", fips: "27", name: "Minnesota", region: "Midwest", division: "West North Central", population: 5706494, kind: .state),
        .init(code: "MS", fips: "28", name: "Mississippi", region: "South", division: "East South Central", population: 2961279, kind: .state),
        .init(code: "MO", fips: "29", name: "Missouri", region: "Midwest", division: "West North Central", population: 6154913, kind: .state),
        .init(code: "MT", fips: "30", name: "Montana", region: "West", division: "Mountain", population: 1084225, kind: .state),
        .init(code: "NE", fips: "31", name: "Nebraska", region: "Midwest", division: "West North Central", population: 1961504, kind: .state),
        .init(code: "NV", fips: "32", name: "Nevada", region: "West", division: "Mountain", population: 3104614, kind: .state),
        .init(code: "NH", fips: "33", name: "New Hampshire", region: "Northeast", division: "New England", population: 1377529, kind: .state),
        .init(code: "NJ", fips: "34", name: "New Jersey", region: "Northeast", division: "Middle Atlantic", population: 9288994, kind: .state),
        .init(code: "NM", fips: "35", name: "New Mexico", region: "West", division: "Mountain", population: 2117522, kind: .state),
        .init(code: "NY", fips: "36", name: "New York", region: "Northeast", division: "Middle Atlantic", population: 20201249, kind: .state),
        .init(code: "NC", fips: "37", name: "North Carolina", region: "South", division: "South Atlantic", population: 10439388, kind: .state),
        .init(code: "ND", fips: "38", name: "North Dakota", region: "Midwest", division: "West North Central", population: 779094, kind: .state),
        .init(code: "OH", fips: "39", name: "Ohio", region: "Midwest", division: "East North Central", population: 11799448, kind: .state),
        .init(code: "OK", fips: "40", name: "Oklahoma", region: "South", division: "West South Central", population: 3959353, kind: .state),
        .init(code: "OR", fips: "41", name: "Oregon", region: "West", division: "Pacific", population: 4237256, kind: .state),
        .init(code: "PA", fips: "42", name: "Pennsylvania", region: "Northeast", division: "Middle Atlantic", population: 13002700, kind: .state),
        .init(code: "RI", fips: "44", name: "Rhode Island", region: "Northeast", division: "New England", population: 1097379, kind: .state),
        .init(code: "SC", fips: "45", name: "South Carolina", region: "South", division: "South Atlantic", population: 5118425, kind: .state),
        .init(code: "SD", fips: "46", name: "South Dakota", region: "Midwest", division: "West North Central", population: 886667, kind: .state),
        .init(code: "TN", fips: "47", name: "Tennessee", region: "South", division: "East South Central", population: 6910840, kind: .state),
        .init(code: "TX", fips: "48", name: "Texas", region: "South", division: "West South Central", population: 29145505, kind: .state),
        .init(code: "UT", fips: "49", name: "Utah", region: "West", division: "Mountain", population: 3271616, kind: .state),
        .init(code: "VT", fips: "50", name: "Vermont", region: "Northeast", division: "New England", population: 643077, kind: .state),
        .init(code: "VA", fips: "51", name: "Virginia", region: "South", division: "South Atlantic", population: 8631393, kind: .state),
        .init(code: "WA", fips: "53", name: "Washington", region: "West", division: "Pacific", population: 7705281, kind: .state),
        .init(code: "WV", fips: "54", name: "West Virginia", region: "South", division: "South Atlantic", population: 1793716, kind: .state),
        .init(code: "WI", fips: "55", name: "Wisconsin", region: "Midwest", division: "East North Central", population: 5893718, kind: .state),
        .init(code: "WY", fips: "56", name: "Wyoming", region: "West", division: "Mountain", population: 576851, kind: .state),
        .init(code: "AS", fips: "60", name: "American Samoa", region: "", division: "", population: 49710, kind: .territory),
        .init(code: "GU", fips: "66", name: "Guam", region: "", division: "", population: 153836, kind: .territory),
        .init(code: "MP", fips: "69", name: "Commonwealth of the Northern Mariana Islands", region: "", division: "", population: 47329, kind: .territory),
        .init(code: "PR", fips: "72", name: "Puerto Rico", region: "", division: "", population: 3285874, kind: .territory),
        .init(code: "VI", fips: "78", name: "United States Virgin Islands", region: "", division: "", population: 87146, kind: .territory),
        .init(code: "FM", fips: "64", name: "Federated States of Micronesia", region: "", division: "", population: nil, kind: .territory),
        .init(code: "AA", fips: "", name: "Armed Forces Americas", region: "", division: "", population: nil, kind: .military),
        .init(code: "AE", fips: "", name: "Armed Forces Europe", region: "", division: "", population: nil, kind: .military),
        .init(code: "AP", fips: "", name: "Armed Forces Pacific", region: "", division: "", population: nil, kind: .military),
        .init(code: "XX", fips: "", name: "Unknown", region: "", division: "", population: nil, kind: .unknown),
        .init(code: "ZZ", fips: "", name: "Foreign Country", region: "", division: "", population: nil, kind: .foreign),
    ]

    private static let byCode: [String: StateInfo] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    public static func info(_ code: String) -> StateInfo? { byCode[code] }
}
