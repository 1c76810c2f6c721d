/// Writes the rows of one prescriber-year: the drug choices and every figure of the 22 columns,
/// following CMS's suppression rules.
struct SampleRowWriter {
    let catalog: SampleCatalog
    let seed: UInt64
    let year: Int
    /// Generation stamps per drug, to draw distinct drugs without clearing a set per prescriber.
    private var seen: [UInt32]
    private var stamp: UInt32 = 0

    /// `catalog.unitCostCents[year]`, held directly so the row loop does not index nested arrays.
    private let yearUnitCost: [Double]

    init(catalog: SampleCatalog, seed: UInt64, year: Int) {
        self.catalog = catalog
        yearUnitCost = catalog.unitCostCents[year]
        self.seed = seed
        self.year = year
        seen = Array(repeating: 0, count: catalog.drugs.count)
    }

    /// The figures of one row before formatting; kept so faults can be derived from it.
    struct Figures {
        var drug: Int
        var claims: Int
        var fillsTenths: Int
        var daySupply: Int
        var costCents: Int
        /// The true beneficiary count (published only when ≥ 11).
        var beneficiaries: Int
        var elderlyClaims: Int
        var elderlyBeneficiaries: Int
    }

    /// Appends `count` rows for `prescriber` and returns the figures of each. A planted outlier
    /// (`rxpipe sample --outliers`) takes the same draws, then has its costs scaled or its
    /// drugs switched to their brand versions, so the other prescribers are unchanged.
    mutating func appendRows(
        prescriber: SamplePrescriber, index: Int, count: Int, to buffer: inout [UInt8], figures: inout [Figures],
        outlier: SampleOutlierKind? = nil
    ) {
        stamp &+= 1
        if stamp == 0 {
            for i in seen.indices { seen[i] = 0 }
            stamp = 1
        }
        // Drug choices come from a year-independent stream, so a prescriber keeps most of their
        // drugs from one year to the next while popularity drifts.
        var picks = SampleRandom(seed: seed, stream: 4, index: UInt64(index))
        var values = SampleRandom(seed: seed, stream: 5 + UInt64(year) << 8, index: UInt64(index))
        var written = 0, attempts = 0
        while written < count && attempts < count * 40 + 100 {
            attempts += 1
            var drug = catalog.pickDrug(specialty: prescriber.specialty, year: year, random: &picks)
            guard seen[drug] != stamp else { continue }
            seen[drug] = stamp
            if outlier == .brandShareHigh, let brand = catalog.brandVersion[drug] {
                guard seen[brand] != stamp else { continue }
                seen[brand] = stamp
                drug = brand
            }
            var row = makeFigures(drug: drug, prescriber: prescriber, random: &values)
            if let factor = outlier?.costFactor { row.costCents = max(1, Int((Double(row.costCents) * factor).rounded())) }
            append(prescriber: prescriber, row, to: &buffer)
            figures.append(row)
            written += 1
        }
    }

    /// True if `drug` is already among this prescriber's rows (valid until the next prescriber).
    func isUsed(_ drug: Int) -> Bool { seen[drug] == stamp }

    func makeFigures(drug index: Int, prescriber: SamplePrescriber, random: inout SampleRandom) -> Figures {
        let claims = 11 + Int((prescriber.volume * random.logNormal(mu: 3.2, sigma: 0.95)).rounded(.down))
        let chronic = catalog.chronic[index]
        // Chronic drugs are often dispensed as 90-day fills, which count as three 30-day fills.
        let fillsPerClaim = chronic ? 1 + (random.chance(0.45) ? 0.4 + 1.6 * random.unit() : 0.15 * random.unit()) : 1 + 0.03 * random.unit()
        let fillsTenths = max(claims * 10, Int((Double(claims) * fillsPerClaim * 10).rounded()))
        let daysPerFill = chronic ? 28 + 4 * random.unit() : 7 + 7 * random.unit()
        let daySupply = max(1, Int((Double(fillsTenths) / 10 * daysPerFill).rounded()))
        let unitCost = yearUnitCost[index] * random.logNormal(mu: 0, sigma: 0.25)
        let costCents = max(1, Int((Double(fillsTenths) / 10 * unitCost).rounded()))
        let claimsPerPatient = chronic ? 1.5 + 4.5 * random.unit() : 1 + 0.3 * random.unit()
        let beneficiaries = max(1, Int((Double(claims) / claimsPerPatient).rounded()))
        let share = min(1, max(0, prescriber.elderlyShare + 0.18 * random.normal()))
        let elderlyClaims = Int((Double(claims) * share).rounded())
        let elderlyBeneficiaries = min(beneficiaries, Int((Double(beneficiaries) * share).rounded()))
        return Figures(
            drug: index, claims: claims, fillsTenths: fillsTenths, daySupply: daySupply, costCents: costCents,
            beneficiaries: beneficiaries, elderlyClaims: elderlyClaims, elderlyBeneficiaries: elderlyBeneficiaries)
    }

    /// Formats one row with CMS's suppression: Tot_Benes blank under 11; the 65+ block flagged
    /// `*` when the 65+ figure is 1–10 and `#` when the under-65 remainder is 1–10 (it could be
    /// derived), with the flagged values left blank.
    func append(prescriber: SamplePrescriber, _ row: Figures, to buffer: inout [UInt8]) {
        buffer += prescriber.prefix
        buffer += catalog.drugs[row.drug].fieldBytes
        CSVField.appendInt(row.claims, to: &buffer)
        buffer.append(0x2C)
        CSVField.appendTenths(row.fillsTenths, to: &buffer)
        buffer.append(0x2C)
        CSVField.appendInt(row.daySupply, to: &buffer)
        buffer.append(0x2C)
        CSVField.appendCents(row.costCents, to: &buffer)
        buffer.append(0x2C)
        if row.beneficiaries >= 11 { CSVField.appendInt(row.beneficiaries, to: &buffer) }
        buffer.append(0x2C)

        let claimsFlag = Self.flag(part: row.elderlyClaims, total: row.claims)
        if let claimsFlag {
            buffer.append(claimsFlag)
            for _ in 0..<5 { buffer.append(0x2C) }
        } else {
            let ratio = row.claims > 0 ? Double(row.elderlyClaims) / Double(row.claims) : 0
            buffer.append(0x2C)
            CSVField.appendInt(row.elderlyClaims, to: &buffer)
            buffer.append(0x2C)
            CSVField.appendTenths(max(row.elderlyClaims * 10, Int((Double(row.fillsTenths) * ratio).rounded())), to: &buffer)
            buffer.append(0x2C)
            // Note the CMS column order in the 65+ block: cost before day supply.
            CSVField.appendCents(Int((Double(row.costCents) * ratio).rounded()), to: &buffer)
            buffer.append(0x2C)
            CSVField.appendInt(Int((Double(row.daySupply) * ratio).rounded()), to: &buffer)
            buffer.append(0x2C)
        }
        if let beneficiaryFlag = Self.flag(part: row.elderlyBeneficiaries, total: row.beneficiaries) {
            buffer.append(beneficiaryFlag)
            buffer.append(0x2C)
        } else {
            buffer.append(0x2C)
            CSVField.appendInt(row.elderlyBeneficiaries, to: &buffer)
        }
        buffer.append(0x0A)
    }

    /// `*` (42) when the part is 1–10, `#` (35) when the remainder is 1–10, nil when publishable.
    static func flag(part: Int, total: Int) -> UInt8? {
        if (1...10).contains(part) { return 0x2A }
        if (1...10).contains(total - part) { return 0x23 }
        return nil
    }
}
