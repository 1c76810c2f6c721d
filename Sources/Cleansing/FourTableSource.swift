import Lake
import RxCore

/// The four raw tables read from PostgreSQL: the dimensions are validated first (their
/// rejects go to `quarantine/prescriber`, `quarantine/drug`, `quarantine/state`), then
/// `raw/prescriber_drug` rows are joined to them (`orphan` when either side is missing).
final class FourTableSource {
    static let tables = ["prescriber", "drug", "prescriber_drug", "state"]
    let lake: Lake
    let interners: Interners
    let redaction: Redaction
    let rowGroupRows: Int
    private(set) var ledger = RuleLedger()
    private(set) var reconciliations: [Reconciliation] = []
    /// NPI → prescriber tuple of the valid raw/prescriber rows.
    private(set) var prescribers: [Int64: Int32] = [:]
    /// Source drug_id → drug identity.
    private(set) var drugs: [Int32: Int32] = [:]
    private(set) var quarantines: [QuarantineSink] = []
    /// cleansed/state rows (reference index → values), in reference order at the end.
    private(set) var states: [Int32: [String?]] = [:]
    private var factIndex: [String: Int] = [:]
    /// The fact file's encoding as ingest found it, by `_source`.
    private var factEncodings: [String: SourceFileAccount.Encoding] = [:]
    private(set) var factQuarantineColumns: [Int] = []
    private(set) var factQuarantineNames: [String] = []

    init(lake: Lake, interners: Interners, redaction: Redaction, rowGroupRows: Int) {
        self.lake = lake
        self.interners = interners
        self.redaction = redaction
        self.rowGroupRows = rowGroupRows
    }

    private func open(_ table: String, _ columns: [String]) throws -> LakeTable {
        let t = try lake.open(try Lake.TableName(zone: "raw", table: table))
        for c in columns + ["_source", "_line"] where t.schema.index(of: c) == nil {
            throw CleanseError.missingColumn(table: "raw/\(table)", column: c)
        }
        return t
    }

    private func sink(_ table: String, _ t: LakeTable, partitioned: Bool) throws -> (QuarantineSink, [Int]) {
        let indices = t.schema.fields.indices.filter { !["_source", "_line", "year"].contains(t.schema.fields[$0].name) }
        let s = try QuarantineSink(lake: lake, table: table, columns: indices.map { t.schema.fields[$0].name },
                                   partitionedByYear: partitioned, redaction: redaction, rowGroupRows: rowGroupRows)
        quarantines.append(s)
        return (s, indices)
    }

    /// The `rescued` verdict of row `r`: only CSV-ingested tables have `_rescued` (fields that
    /// did not parse at ingest); PostgreSQL's typed columns never need it.
    private func rescued(_ t: LakeTable, _ columns: [ColumnVector], _ r: Int) -> String? {
        guard let i = t.schema.index(of: "_rescued"), !columns[i].isNull(r) else { return nil }
        let encoding = SourceFileAccount.decode(t.manifest.properties)?.first?.encoding
        return CMSWideFacts.rescuedMessage(columns[i].text(at: r) ?? "", encoding: encoding)
    }

    private func reject(_ sink: QuarantineSink, _ cols: [ColumnVector], _ idx: [Int], _ r: Int, _ rule: CleanseRule, _ message: String,
                        _ source: String, _ line: Int64, table: String) throws {
        let values = try sink.add(texts: idx.map { cols[$0].text(at: r) }, year: 0, rule: rule, message: message, source: source, line: line)
        ledger.record(rule) { RuleExample(table: "raw/\(table)", source: source, line: line, message: message, values: values) }
    }

    // MARK: Dimensions

    func loadPrescribers() throws {
        let columns = ["npi", "last_org_name", "first_name", "city", "state_abbr", "state_fips", "prescriber_type", "type_source"]
        let t = try open("prescriber", columns)
        let (q, idx) = try sink("prescriber", t, partitioned: false)
        var accepted = 0, duplicates = 0
        try t.scan(columns: nil) { b in
            let c = b.columns
            let col = { (name: String) in c[t.schema.index(of: name)!] }
            let npi = NullableInts(col("npi"))
            let rows = interners.tuples.rows(columns.dropFirst().map(col), stateColumn: "state_abbr")
            let source = col("_source"), line = NullableInts(col("_line"))
            for r in 0..<b.rowCount {
                let src = source.text(at: r) ?? "", ln = line.values[r]
                let rejectWith = { (rule: CleanseRule, message: String) in try self.reject(q, c, idx, r, rule, message, src, ln, table: "prescriber") }
                if let message = rescued(t, c, r) { try rejectWith(.rescued, message); continue }
                guard let n = npi.get(r) else { try rejectWith(.required, "npi is missing"); continue }
                guard FactProcessor.validNPI(n) else { try rejectWith(.npiFormat, "npi is not 10 digits with a valid check digit"); continue }
                if let message = rows.badState[r] { try rejectWith(.stateKnown, message); continue }
                if let existing = prescribers[n] {
                    if existing == rows.tuple[r] {
                        duplicates += 1
                        ledger.record(.duplicateRow) { RuleExample(table: "raw/prescriber", source: src, line: ln, message: "exact copy of an earlier prescriber row", values: [:]) }
                    } else {
                        try rejectWith(.conflictingKey, "npi appears earlier with other attributes")
                    }
                    continue
                }
                if rows.fipsFixed.contains(r) {
                    ledger.record(.stateFIPS) { RuleExample(table: "raw/prescriber", source: src, line: ln, message: "state FIPS code replaced by the one of the state code", values: Dictionary(zip(q.columns, q.values(idx.map { c[$0].text(at: r) })), uniquingKeysWith: { a, _ in a })) }
                }
                prescribers[n] = rows.tuple[r]
                accepted += 1
            }
        }
        reconciliations.append(Reconciliation(source: "raw/prescriber", target: "cleansed/prescriber", raw: t.rowCount, cleansed: accepted,
                                              quarantined: q.count, duplicatesDropped: duplicates))
    }

    func loadDrugs() throws {
        let t = try open("drug", ["drug_id", "brand_name", "generic_name"])
        let (q, idx) = try sink("drug", t, partitioned: false)
        var accepted = 0, duplicates = 0
        try t.scan(columns: nil) { b in
            let c = b.columns
            let col = { (name: String) in c[t.schema.index(of: name)!] }
            let id = NullableInts(col("drug_id"))
            let brands = interners.drugs.brands.ids(for: col("brand_name"))
            let generics = interners.drugs.generics.ids(for: col("generic_name"))
            let source = col("_source"), line = NullableInts(col("_line"))
            for r in 0..<b.rowCount {
                let src = source.text(at: r) ?? "", ln = line.values[r]
                let rejectWith = { (rule: CleanseRule, message: String) in try self.reject(q, c, idx, r, rule, message, src, ln, table: "drug") }
                if let message = rescued(t, c, r) { try rejectWith(.rescued, message); continue }
                guard let d = id.get(r) else { try rejectWith(.required, "drug_id is missing"); continue }
                guard brands[r] >= 0 else { try rejectWith(.required, "brand_name is missing"); continue }
                guard generics[r] >= 0 else { try rejectWith(.required, "generic_name is missing"); continue }
                let identity = interners.drugs.identity(brand: brands[r], generic: generics[r])
                if let existing = drugs[Int32(truncatingIfNeeded: d)] {
                    if existing == identity {
                        duplicates += 1
                        ledger.record(.duplicateRow) { RuleExample(table: "raw/drug", source: src, line: ln, message: "exact copy of an earlier drug row", values: [:]) }
                    } else {
                        try rejectWith(.conflictingKey, "drug_id \(d) appears earlier with other names")
                    }
                    continue
                }
                drugs[Int32(truncatingIfNeeded: d)] = identity
                accepted += 1
            }
        }
        reconciliations.append(Reconciliation(source: "raw/drug", target: "cleansed/drug", raw: t.rowCount, cleansed: accepted,
                                              quarantined: q.count, duplicatesDropped: duplicates))
    }

    func loadStates() throws {
        let columns = ["state_abbr", "state_fips", "state_name", "region", "division", "population"]
        let t = try open("state", columns)
        let (q, idx) = try sink("state", t, partitioned: false)
        var duplicates = 0
        try t.scan(columns: nil) { b in
            let c = b.columns
            let col = { (name: String) in c[t.schema.index(of: name)!] }
            var codes = TextInterner(), fips = TextInterner(), texts = TextInterner()
            let code = codes.ids(for: col("state_abbr")), fip = fips.ids(for: col("state_fips"))
            let name = texts.ids(for: col("state_name")), region = texts.ids(for: col("region")), division = texts.ids(for: col("division"))
            let population = NullableInts(col("population"))
            let source = col("_source"), line = NullableInts(col("_line"))
            for r in 0..<b.rowCount {
                let src = source.text(at: r) ?? "", ln = line.values[r]
                let rejectWith = { (rule: CleanseRule, message: String) in try self.reject(q, c, idx, r, rule, message, src, ln, table: "state") }
                if let message = rescued(t, c, r) { try rejectWith(.rescued, message); continue }
                guard code[r] >= 0 else { try rejectWith(.required, "state_abbr is missing"); continue }
                let text = codes.values[Int(code[r])].uppercased()
                guard let ref = PrescriberTuples.stateIndex[text] else {
                    try rejectWith(.stateKnown, "state_abbr \"\(codes.values[Int(code[r])])\" is not a state code CMS uses")
                    continue
                }
                let info = StateReference.all[Int(ref)]
                if (fip[r] < 0 ? "" : fips.values[Int(fip[r])]) != info.fips {
                    ledger.record(.stateFIPS) { RuleExample(table: "raw/state", source: src, line: ln, message: "state FIPS code replaced by the one of the state code", values: ["state_abbr": text]) }
                }
                let row: [String?] = [info.code, info.fips.isEmpty ? nil : info.fips, texts.text(name[r]), texts.text(region[r]),
                                      texts.text(division[r]), population.get(r).map { String($0) }]
                if let existing = states[ref] {
                    if existing == row {
                        duplicates += 1
                        ledger.record(.duplicateRow) { RuleExample(table: "raw/state", source: src, line: ln, message: "exact copy of an earlier state row", values: ["state_abbr": text]) }
                    } else {
                        try rejectWith(.conflictingKey, "state \(text) appears earlier with other values")
                    }
                    continue
                }
                states[ref] = row
            }
        }
        reconciliations.append(Reconciliation(source: "raw/state", target: "cleansed/state", raw: t.rowCount, cleansed: states.count,
                                              quarantined: q.count, duplicatesDropped: duplicates))
    }

    // MARK: Facts

    static let factColumns = [
        "year", "npi", "drug_id", "tot_clms", "tot_30day_fills", "tot_day_suply", "tot_drug_cst", "tot_benes", "ge65_sprsn_flag",
        "ge65_tot_clms", "ge65_tot_30day_fills", "ge65_tot_drug_cst", "ge65_tot_day_suply", "ge65_bene_sprsn_flag", "ge65_tot_benes",
    ]

    func openFacts() throws -> (LakeTable, QuarantineSink) {
        let t = try open("prescriber_drug", Self.factColumns)
        let (q, idx) = try sink("prescriber_drug", t, partitioned: true)
        factIndex = Dictionary(uniqueKeysWithValues: t.schema.fields.enumerated().map { ($1.name, $0) })
        for account in SourceFileAccount.decode(t.manifest.properties) ?? [] { factEncodings[account.source] = account.encoding }
        factQuarantineColumns = idx
        factQuarantineNames = q.columns
        return (t, q)
    }

    func batch(_ rg: RowGroupBatch) -> FactBatch {
        let c = rg.columns
        func col(_ name: String) -> ColumnVector { c[factIndex[name]!] }
        let n = rg.rowCount
        let npi = NullableInts(col("npi"))
        let drugID = NullableInts(col("drug_id"))
        var drug = [Int32](repeating: -1, count: n)
        var attributes = [Int32](repeating: -1, count: n)
        var rejects: [Int: (rule: CleanseRule, message: String)] = [:]
        for r in 0..<n {
            if let d = drugID.get(r) {
                if let identity = drugs[Int32(truncatingIfNeeded: d)] { drug[r] = identity } else { rejects[r] = (.orphan, "drug_id \(d) has no valid row in raw/drug") }
            } else {
                rejects[r] = (.required, "drug_id is missing")
                continue
            }
            if let p = npi.get(r) {
                if let tuple = prescribers[p] { attributes[r] = tuple } else if rejects[r] == nil { rejects[r] = (.orphan, "npi has no valid row in raw/prescriber") }
            }
        }
        var notes: [Int: [(rule: CleanseRule, message: String)]] = [:]
        if let i = factIndex["_rescued"] {
            CMSWideFacts.judgeRescued(c[i], source: col("_source"), encodings: factEncodings, into: &rejects, notes: &notes)
        }
        return FactBatch(
            rows: n, year: NullableInts(col("year")), npi: npi, drug: drug,
            claims: NullableInts(col("tot_clms")), daySupply: NullableInts(col("tot_day_suply")), benes: NullableInts(col("tot_benes")),
            ge65Claims: NullableInts(col("ge65_tot_clms")), ge65DaySupply: NullableInts(col("ge65_tot_day_suply")),
            ge65Benes: NullableInts(col("ge65_tot_benes")), fills: NullableDoubles(col("tot_30day_fills")),
            cost: NullableCents(col("tot_drug_cst")), ge65Fills: NullableDoubles(col("ge65_tot_30day_fills")),
            ge65Cost: NullableCents(col("ge65_tot_drug_cst")),
            ge65Flag: FactBatch.flags(col("ge65_sprsn_flag"), interner: &interners.flags),
            ge65BeneFlag: FactBatch.flags(col("ge65_bene_sprsn_flag"), interner: &interners.flags),
            attributes: attributes, layoutRejects: rejects, fipsFixed: [], notes: notes,
            source: col("_source"), line: NullableInts(col("_line")).values, raw: c)
    }
}
