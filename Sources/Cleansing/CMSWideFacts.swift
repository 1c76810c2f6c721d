import Foundation
import Lake
import RxCore

/// Turns row groups of `raw/cms_prescriber_drug` into `FactBatch`es: prescriber attributes
/// and drug names interned, `_rescued` and missing names turned into reject verdicts.
struct CMSWideFacts {
    static let table = "cms_prescriber_drug"
    static let attributeColumns = [
        "Prscrbr_Last_Org_Name", "Prscrbr_First_Name", "Prscrbr_City", "Prscrbr_State_Abrvtn", "Prscrbr_State_FIPS",
        "Prscrbr_Type", "Prscrbr_Type_Src",
    ]
    static let required = CMSWideLayoutColumns.all + ["_rescued", "_source", "_line", "year"]

    let schema: Schema
    let interners: Interners
    /// Columns kept in quarantine: every raw column but `_source`, `_line` and `year`.
    let quarantineColumns: [Int]
    /// The state unknown-state rows take from their NPI (set before the rule pass).
    var substitutes = StateSubstitutes()
    /// Each source file's encoding as ingest found it (raw manifest), by `_source`.
    var encodings: [String: SourceFileAccount.Encoding] = [:]
    /// Columns of the raw table rxpipe does not declare (extra CSV columns): not cleansed.
    let extraColumns: [String]
    private let index: [String: Int]

    init(schema: Schema, interners: Interners) throws {
        self.schema = schema
        self.interners = interners
        for name in Self.required where schema.index(of: name) == nil {
            throw CleanseError.missingColumn(table: "raw/\(Self.table)", column: name)
        }
        index = Dictionary(uniqueKeysWithValues: schema.fields.enumerated().map { ($1.name, $0) })
        quarantineColumns = schema.fields.indices.filter { !["_source", "_line", "year"].contains(schema.fields[$0].name) }
        extraColumns = schema.fields.map(\.name).filter { !Self.required.contains($0) }
    }

    var quarantineNames: [String] { quarantineColumns.map { schema.fields[$0].name } }

    /// The drug universe: every brand/generic pair of the table (first pass, two columns).
    static func collectDrugs(_ table: LakeTable, into interners: Interners) throws {
        try table.scan(columns: ["Brnd_Name", "Gnrc_Name"]) { batch in
            let brands = interners.drugs.brands.ids(for: batch.columns[0])
            let generics = interners.drugs.generics.ids(for: batch.columns[1])
            var previous: (Int32, Int32)? = nil
            for r in 0..<batch.rowCount {
                if let p = previous, p.0 == brands[r], p.1 == generics[r] { continue }
                _ = interners.drugs.identity(brand: brands[r], generic: generics[r])
                previous = (brands[r], generics[r])
            }
        }
    }

    func batch(_ rg: RowGroupBatch) -> FactBatch {
        let c = rg.columns
        func col(_ name: String) -> ColumnVector { c[index[name]!] }
        let n = rg.rowCount
        let prescribers = interners.tuples.rows(Self.attributeColumns.map(col), stateColumn: "Prscrbr_State_Abrvtn")
        let brands = interners.drugs.brands.ids(for: col("Brnd_Name"))
        let generics = interners.drugs.generics.ids(for: col("Gnrc_Name"))
        var drug = [Int32](repeating: -1, count: n)
        var rejects: [Int: (rule: CleanseRule, message: String)] = [:]
        var previous: (Int32, Int32, Int32)? = nil
        for r in 0..<n {
            if brands[r] < 0 || generics[r] < 0 {
                rejects[r] = (.required, brands[r] < 0 ? "Brnd_Name is missing" : "Gnrc_Name is missing")
                continue
            }
            if let p = previous, p.0 == brands[r], p.1 == generics[r] {
                drug[r] = p.2
            } else {
                drug[r] = interners.drugs.identity(brand: brands[r], generic: generics[r])
                previous = (brands[r], generics[r], drug[r])
            }
        }
        var attributes = prescribers.tuple
        var fromPrescriber: [Int: String] = [:]
        if !prescribers.badState.isEmpty {
            let years = NullableInts(col("year")), npis = NullableInts(col("Prscrbr_NPI"))
            for (r, message) in prescribers.badState where rejects[r] == nil {
                if let npi = npis.get(r), let year = years.get(r),
                   let state = substitutes.state(year: Int32(truncatingIfNeeded: year), npi: npi) {
                    var tuple = interners.tuples.tuples[Int(attributes[r])]
                    tuple.state = state
                    attributes[r] = interners.tuples.id(tuple)
                    fromPrescriber[r] = "\(message); the NPI's other rows in \(year) give \(StateReference.all[Int(state)].code), which is used"
                } else {
                    rejects[r] = (.stateKnown, message)
                }
            }
        }
        var notes: [Int: [(rule: CleanseRule, message: String)]] = [:]
        Self.judgeRescued(col("_rescued"), source: col("_source"), encodings: encodings, into: &rejects, notes: &notes)
        for name in extraColumns {
            let column = col(name)
            guard column.nullCount < column.count else { continue }
            for r in 0..<n where !column.isNull(r) && !(column.text(at: r) ?? "").isEmpty {
                notes[r, default: []].append((.extraColumn, "column \(name) is not one rxpipe knows: its value is kept in raw, not in cleansed"))
            }
        }
        return FactBatch(
            rows: n, year: NullableInts(col("year")), npi: NullableInts(col("Prscrbr_NPI")), drug: drug,
            claims: NullableInts(col("Tot_Clms")), daySupply: NullableInts(col("Tot_Day_Suply")), benes: NullableInts(col("Tot_Benes")),
            ge65Claims: NullableInts(col("GE65_Tot_Clms")), ge65DaySupply: NullableInts(col("GE65_Tot_Day_Suply")),
            ge65Benes: NullableInts(col("GE65_Tot_Benes")), fills: NullableDoubles(col("Tot_30day_Fills")),
            cost: NullableCents(col("Tot_Drug_Cst")), ge65Fills: NullableDoubles(col("GE65_Tot_30day_Fills")),
            ge65Cost: NullableCents(col("GE65_Tot_Drug_Cst")),
            ge65Flag: FactBatch.flags(col("GE65_Sprsn_Flag"), interner: &interners.flags),
            ge65BeneFlag: FactBatch.flags(col("GE65_Bene_Sprsn_Flag"), interner: &interners.flags),
            attributes: attributes, layoutRejects: rejects, fipsFixed: prescribers.fipsFixed,
            stateFromPrescriber: fromPrescriber, notes: notes, source: col("_source"), line: NullableInts(col("_line")).values, raw: c)
    }

    /// Judges every row with a `_rescued` value (`RescueVerdict`): a reject wins over any other
    /// layout verdict (the field that did not parse may be why a value looks missing); notes
    /// (stray quotes, Windows-1252 repairs) are counted on the rows that are kept.
    static func judgeRescued(
        _ rescued: ColumnVector, source: ColumnVector, encodings: [String: SourceFileAccount.Encoding],
        into rejects: inout [Int: (rule: CleanseRule, message: String)], notes: inout [Int: [(rule: CleanseRule, message: String)]]
    ) {
        guard rescued.nullCount < rescued.count else { return }
        for r in 0..<rescued.count where !rescued.isNull(r) {
            let verdict = RescueVerdict.judge(rescued.text(at: r) ?? "", encoding: encodings[source.text(at: r) ?? ""])
            if let message = verdict.reject { rejects[r] = (verdict.rule, message) }
            if !verdict.notes.isEmpty { notes[r, default: []] += verdict.notes }
        }
    }

    /// The reject message of a `_rescued` value, if it rejects the row (columns named, never
    /// their values: they may identify a prescriber; the values are in the quarantined row).
    static func rescuedMessage(_ json: String, encoding: SourceFileAccount.Encoding? = nil) -> String? {
        RescueVerdict.judge(json, encoding: encoding).reject
    }
}

/// The 22 CMS column names (as `Ingestion.CMSWideLayout` declares them).
enum CMSWideLayoutColumns {
    static let all = [
        "Prscrbr_NPI", "Prscrbr_Last_Org_Name", "Prscrbr_First_Name", "Prscrbr_City", "Prscrbr_State_Abrvtn",
        "Prscrbr_State_FIPS", "Prscrbr_Type", "Prscrbr_Type_Src", "Brnd_Name", "Gnrc_Name", "Tot_Clms",
        "Tot_30day_Fills", "Tot_Day_Suply", "Tot_Drug_Cst", "Tot_Benes", "GE65_Sprsn_Flag", "GE65_Tot_Clms",
        "GE65_Tot_30day_Fills", "GE65_Tot_Drug_Cst", "GE65_Tot_Day_Suply", "GE65_Bene_Sprsn_Flag", "GE65_Tot_Benes",
    ]
}
