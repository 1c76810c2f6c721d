import RxCore

/// The drugs, specialties and places the sample draws from, built once per (seed, years).
///
/// Popularity is Zipf-like over generic names and drifts from year to year (some drugs rise,
/// some fall, a few appear or leave), so trends and run diffs have something real to show.
struct SampleCatalog: Sendable {
    typealias Area = SampleCatalogData.Area

    struct Drug: Sendable {
        let generic: String
        let brand: String
        let area: Area
        /// CSV-ready bytes of `Brnd_Name,Gnrc_Name,` (quoted where needed).
        let fieldBytes: [UInt8]
        let costPerFillCents: Double
        let weight: Double
        /// Growth of popularity per year (log scale).
        let trend: Double
        /// Growth of unit cost per year (log scale).
        let costTrend: Double
        /// The drug is on the market from this year index to that one (inclusive).
        let activeYears: ClosedRange<Int>
    }

    let drugs: [Drug]
    let yearCount: Int
    /// Hot-path figures per drug, free of strings so the row loop never retains: unit cost in
    /// cents per 30-day fill for each year (cost growth applied), and whether it is chronic.
    let unitCostCents: [[Double]]
    let chronic: [Bool]
    /// For a drug sold under its generic name: the first brand of the same generic, if any
    /// (what a planted brand-share outlier prescribes instead). No random draws: the catalog
    /// is the same with or without planted outliers.
    let brandVersion: [Int?]
    /// Per year, per area: a picker over `areaDrugs[area]`.
    private let areaPickers: [[WeightedPicker]]
    private let areaDrugs: [[Int]]
    /// Per year: a picker over all drugs, for the share of choices that ignore specialty.
    private let globalPickers: [WeightedPicker]
    let specialties: [SampleCatalogData.Specialty]
    let specialtyPicker: WeightedPicker
    /// Per specialty: a picker over its areas (sorted by area, for determinism).
    private let specialtyAreas: [[Area]]
    private let specialtyAreaPickers: [WeightedPicker]
    let states: [StateChoice]
    let statePicker: WeightedPicker

    struct StateChoice: Sendable {
        let code: String
        let fips: String
        let cities: [String]
    }

    init(seed: UInt64, yearCount: Int) {
        self.yearCount = yearCount
        var random = SampleRandom(seed: seed, stream: 1)
        var drugs: [Drug] = []
        var usedNames = Set<String>()

        func add(generic: String, brands: [String], area: Area, cost: Double, brandOnly: Bool, rank: Int, trend: Double, years: ClosedRange<Int>) {
            // Specialty drugs costing thousands a fill are prescribed far more rarely than their rank suggests.
            let weight = (cost > 500 ? (500 / cost).squareRoot() : 1) / PortableMath.pow(Double(rank) + 3, 1.15)
            let costTrend = 0.045 + 0.03 * random.normal()
            var combos: [(brand: String, share: Double, cost: Double)] = []
            if !brandOnly { combos.append((generic, brands.isEmpty ? 1 : 0.88, cost)) }
            let brandShare = brandOnly ? 1.0 : 0.12
            for brand in brands {
                // A brand of a generic-available drug costs several times the generic.
                let brandCost = brandOnly ? cost : cost * (6 + 14 * random.unit())
                combos.append((brand, brandShare / Double(brands.count), brandCost))
            }
            for combo in combos {
                drugs.append(
                    Drug(
                        generic: generic, brand: combo.brand, area: area,
                        fieldBytes: CSVField.encode([combo.brand, generic]),
                        costPerFillCents: combo.cost * 100, weight: weight * combo.share, trend: trend,
                        costTrend: costTrend, activeYears: years))
            }
        }

        let allYears = 0...(max(yearCount, 1) - 1)
        for (rank, drug) in SampleCatalogData.realDrugs.enumerated() {
            usedNames.insert(drug.generic.lowercased())
            var trend = 0.04 * random.normal()
            if ["Semaglutide", "Tirzepatide", "Empagliflozin", "Apixaban", "Dapagliflozin Propanediol"].contains(drug.generic) {
                trend = 0.25 + 0.15 * random.unit()
            } else if ["Sitagliptin Phosphate", "Ranitidine Hcl", "Lenalidomide", "Simvastatin"].contains(drug.generic) {
                trend = -0.15 - 0.1 * random.unit()
            }
            let years = drug.generic == "Tirzepatide" && yearCount > 1 ? 1...allYears.upperBound : allYears
            add(generic: drug.generic, brands: drug.brands, area: drug.area, cost: drug.costPerFill,
                brandOnly: drug.brandOnly, rank: rank, trend: trend, years: years)
        }
        // Synthetic generics fill the long tail up to ~3,000 names.
        var rank = SampleCatalogData.realDrugs.count
        while rank < 3_000 {
            let stem = SampleCatalogData.stems[random.below(SampleCatalogData.stems.count)]
            let middle = SampleCatalogData.middles[random.below(SampleCatalogData.middles.count)]
            let (suffix, area) = SampleCatalogData.suffixes[random.below(SampleCatalogData.suffixes.count)]
            let salt = SampleCatalogData.salts[random.below(SampleCatalogData.salts.count)]
            let generic = stem + middle + suffix + salt
            guard usedNames.insert(generic.lowercased()).inserted else { continue }
            let shape = random.unit()
            let brandCount = shape < 0.55 ? 1 : shape < 0.7 ? 2 : shape < 0.85 ? 0 : 1
            let brandOnly = shape >= 0.85
            var brands: [String] = []
            var brandAttempts = 0
            while brands.count < brandCount && brandAttempts < 50 {
                brandAttempts += 1
                let brand =
                    SampleCatalogData.brandStarts[random.below(SampleCatalogData.brandStarts.count)]
                    + SampleCatalogData.brandMiddles[random.below(SampleCatalogData.brandMiddles.count)]
                    + SampleCatalogData.brandEnds[random.below(SampleCatalogData.brandEnds.count)]
                    + SampleCatalogData.brandForms[random.below(SampleCatalogData.brandForms.count)]
                if usedNames.insert(brand.lowercased()).inserted { brands.append(brand) }
            }
            let expensive = area == .oncology || area == .immune
            let cost = expensive ? random.logNormal(mu: 7.0, sigma: 0.8) : brandOnly ? random.logNormal(mu: 5.5, sigma: 0.8) : random.logNormal(mu: 2.5, sigma: 0.6)
            var years = allYears
            if yearCount > 1 {
                let fate = random.unit()
                if fate < 0.04 { years = (1 + random.below(yearCount - 1))...allYears.upperBound }
                else if fate < 0.07 { years = 0...random.below(yearCount - 1) }
            }
            add(generic: generic, brands: brands, area: area, cost: cost, brandOnly: brandOnly && !brands.isEmpty, rank: rank,
                trend: 0.15 * random.normal(), years: years)
            rank += 1
        }
        self.drugs = drugs
        unitCostCents = (0..<max(yearCount, 1)).map { year in
            drugs.map { $0.costPerFillCents * PortableMath.exp($0.costTrend * Double(year)) }
        }
        chronic = drugs.map(\.area.isChronic)
        brandVersion = drugs.indices.map { d in
            guard drugs[d].brand == drugs[d].generic, d + 1 < drugs.count, drugs[d + 1].generic == drugs[d].generic else { return nil }
            return d + 1
        }

        var areaDrugs = Array(repeating: [Int](), count: Area.allCases.count)
        for (index, drug) in drugs.enumerated() { areaDrugs[drug.area.rawValue].append(index) }
        self.areaDrugs = areaDrugs
        var areaPickers: [[WeightedPicker]] = []
        var globalPickers: [WeightedPicker] = []
        for year in 0..<max(yearCount, 1) {
            func weight(_ drug: Drug) -> Double {
                drug.activeYears.contains(year) ? drug.weight * PortableMath.exp(drug.trend * Double(year)) : 0
            }
            areaPickers.append(areaDrugs.map { indices in WeightedPicker(weights: indices.isEmpty ? [1] : indices.map { weight(drugs[$0]) }) })
            globalPickers.append(WeightedPicker(weights: drugs.map(weight)))
        }
        self.areaPickers = areaPickers
        self.globalPickers = globalPickers

        specialties = SampleCatalogData.specialties
        specialtyPicker = WeightedPicker(weights: specialties.map(\.weight))
        specialtyAreas = specialties.map { $0.areas.keys.sorted { $0.rawValue < $1.rawValue } }
        specialtyAreaPickers = specialties.map { specialty in
            WeightedPicker(weights: specialty.areas.keys.sorted { $0.rawValue < $1.rawValue }.map { specialty.areas[$0]! })
        }

        states = StateReference.all.map { info in
            StateChoice(code: info.code, fips: info.fips, cities: (SampleCatalogData.stateCities[info.code] ?? []))
        }
        statePicker = WeightedPicker(weights: StateReference.all.map { info in
            switch info.code {
            case "XX": return 25_000
            case "ZZ": return 40_000
            case "AE", "AP": return 20_000
            case "AA": return 3_000
            case "FM": return 1_000
            default: return Double(info.population ?? 0)
            }
        })
    }

    /// A drug for a prescriber of `specialty` in year index `year`, from the uniform draws of `random`.
    func pickDrug(specialty: Int, year: Int, random: inout SampleRandom) -> Int {
        if random.chance(0.15) { return globalPickers[year].pick(&random) }
        let area = specialtyAreas[specialty][specialtyAreaPickers[specialty].pick(&random)]
        let indices = areaDrugs[area.rawValue]
        guard !indices.isEmpty else { return globalPickers[year].pick(&random) }
        return indices[areaPickers[year][area.rawValue].pick(&random)]
    }
}
