import RxCore

/// One prescriber of the sample universe. Everything about prescriber `index` follows from
/// (seed, index), so chunks of prescribers can be generated on any thread.
struct SamplePrescriber {
    let npi: Int
    let specialty: Int
    /// Index into `SampleCatalog.states`.
    let state: Int
    /// CSV bytes of the eight prescriber fields, each followed by a comma.
    let prefix: [UInt8]
    /// Scales every claim count of this prescriber.
    let volume: Double
    let meanDrugs: Double
    /// Share of claims for patients 65 and over.
    let elderlyShare: Double
    /// Year indexes in which the prescriber has rows (entering and leaving practice).
    let activeYears: ClosedRange<Int>

    /// NPIs are spread over 1000000000…1999999999 in index order, so files come out sorted by NPI.
    /// `withPrefix: false` skips formatting the CSV fields (the row planner needs only counts);
    /// the random draws are the same either way.
    static func make(index: Int, universe: Int, seed: UInt64, catalog: SampleCatalog, withPrefix: Bool = true) -> SamplePrescriber {
        var random = SampleRandom(seed: seed, stream: 2, index: UInt64(index))
        let spacing = max(1, 99_999_999 / max(universe, 1))
        let base = 100_000_000 + index * spacing + random.below(spacing)
        let npi = NPI.make(base: base)
        let specialtyIndex = catalog.specialtyPicker.pick(&random)
        let specialty = catalog.specialties[specialtyIndex]
        let stateIndex = catalog.statePicker.pick(&random)
        let state = catalog.states[stateIndex]

        let lastName: String, firstName: String
        if random.chance(0.006) {
            lastName = SampleCatalogData.organisations[random.below(SampleCatalogData.organisations.count)]
            firstName = ""
        } else {
            lastName = SampleCatalogData.lastNames[random.below(SampleCatalogData.lastNames.count)]
            firstName = SampleCatalogData.firstNames[random.below(SampleCatalogData.firstNames.count)]
        }
        let city: String
        if !state.cities.isEmpty && random.chance(0.6) {
            city = state.cities[random.below(state.cities.count)]
        } else {
            city = SampleCatalogData.commonCities[random.below(SampleCatalogData.commonCities.count)]
        }
        let typeSource = random.chance(0.93) ? SampleCatalogData.typeSources[0] : SampleCatalogData.typeSources[1]
        var prefix: [UInt8] = []
        if withPrefix {
            prefix.reserveCapacity(120)
            CSVField.appendInt(npi, to: &prefix)
            prefix.append(0x2C)
            prefix += CSVField.encode([lastName, firstName, city, state.code, state.fips, specialty.name, typeSource])
        }

        let years = catalog.yearCount
        var active = 0...(years - 1)
        if years > 1 {
            let fate = random.unit()
            if fate < 0.08 { active = (1 + random.below(years - 1))...(years - 1) }
            else if fate < 0.14 { active = 0...random.below(years - 1) }
        }
        let elderly = min(1, max(0, specialty.elderlyShare + 0.12 * random.normal()))
        return SamplePrescriber(
            npi: npi, specialty: specialtyIndex, state: stateIndex, prefix: prefix, volume: random.logNormal(mu: -0.18, sigma: 0.6),
            meanDrugs: 1.25 * specialty.meanDrugs * random.logNormal(mu: -0.32, sigma: 0.8), elderlyShare: elderly,
            activeYears: active)
    }

    /// How many drug rows this prescriber has in year index `year` (0 when not practising).
    func rowCount(year: Int, seed: UInt64, index: Int) -> Int {
        guard activeYears.contains(year) else { return 0 }
        var random = SampleRandom(seed: seed, stream: 3 + UInt64(year) << 8, index: UInt64(index))
        let count = (meanDrugs * PortableMath.exp(0.1 * random.normal())).rounded()
        return Int(min(400, max(1, count)))
    }
}
