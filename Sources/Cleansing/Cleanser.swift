import Foundation
import Lake
import RxCore

/// What `Cleanser` is asked to do.
public struct CleanseOptions: Sendable {
    public var pseudonymize: Bool
    /// Beneficiary counts below this (and ≥ 1) are suppressed (`[privacy] suppress_below`).
    public var suppressBelow: Int
    /// Rows per row group of the cleansed tables; part files hold `rowGroupsPerFile` of them.
    public var rowGroupRows: Int
    public var rowGroupsPerFile: Int
    /// Environment holding the pseudonym key.
    public var environment: [String: String]
    /// Decides `cleansed/drug.is_generic` (`[drugs]` overrides, then `GenericNameRule`).
    public var generics: GenericClassifier
    /// Data years accepted (`[source] min_year`…`max_year`); rows of other years are quarantined.
    public var years: ClosedRange<Int>

    public init(pseudonymize: Bool = false, suppressBelow: Int = 11, rowGroupRows: Int = 1 << 20, rowGroupsPerFile: Int = 4,
                environment: [String: String] = ProcessInfo.processInfo.environment, generics: GenericClassifier = GenericClassifier(),
                years: ClosedRange<Int> = DataYears.defaultRange) {
        self.years = years
        self.pseudonymize = pseudonymize
        self.suppressBelow = suppressBelow
        self.rowGroupRows = rowGroupRows
        self.rowGroupsPerFile = rowGroupsPerFile
        self.environment = environment
        self.generics = generics
    }

    /// The options `[privacy]` and `[drugs]` of `config` ask for.
    public init(config: RxpipeConfig) {
        self.init(pseudonymize: config.privacy.pseudonymize, suppressBelow: config.privacy.suppressBelow,
                  generics: GenericClassifier(generic: config.drugs.generic, brand: config.drugs.brand), years: config.source.years)
    }
}

/// What one cleanse did.
public struct CleanseReport: Sendable {
    public let layout: RawLayout
    /// Set when both raw layouts were committed.
    public let layoutNote: String?
    public let quality: QualityReport
    /// Committed manifests by table (`cleansed/…`, `quarantine/…`).
    public let manifests: [String: TableManifest]
    /// False when the input was not grouped by prescriber and the global duplicate index was used.
    public let grouped: Bool
}

/// `rxpipe cleanse`: raw zone → cleansed zone + quarantine + `cleansed/quality.json`.
///
/// Streams the prescriber-drug rows row group by row group; memory holds the dimension maps
/// (prescribers, drugs, text dictionaries) and the duplicate fingerprints of the current
/// prescriber (or of every row, when the input is not grouped by prescriber). Every table is
/// written first and committed at the end, after the reconciliation identity holds, so a
/// failure leaves the previous cleansed zone as it was.
public struct Cleanser: Sendable {
    public let lake: Lake
    public let options: CleanseOptions

    public init(lake: Lake, options: CleanseOptions = CleanseOptions()) {
        self.lake = lake
        self.options = options
    }

    public func run() throws -> CleanseReport {
        let pseudonymizer = options.pseudonymize ? try Pseudonymizer.fromEnvironment(options.environment) : nil
        let (layout, note) = try RawLayout.detect(in: lake)
        do {
            return try run(layout: layout, note: note, pseudonymizer: pseudonymizer, grouped: true)
        } catch is FactDeduplicator.NotGrouped {
            return try run(layout: layout, note: note, pseudonymizer: pseudonymizer, grouped: false)
        }
    }

    private func table(_ zone: String, _ name: String) throws -> Lake.TableName { try Lake.TableName(zone: zone, table: name) }

    private func run(layout: RawLayout, note: String?, pseudonymizer: Pseudonymizer?, grouped: Bool) throws -> CleanseReport {
        let interners = Interners()
        let groupRows = options.rowGroupRows, fileRows = options.rowGroupRows * options.rowGroupsPerFile
        var pseudonymFunction: ((String) -> Int64)? = nil
        if let p = pseudonymizer { pseudonymFunction = { (text: String) -> Int64 in p.pseudonym(text: text) } }
        let redaction = Redaction(
            npiColumns: ["Prscrbr_NPI", "npi"], nameColumns: ["Prscrbr_Last_Org_Name", "Prscrbr_First_Name", "last_org_name", "first_name"],
            rescuedColumn: "_rescued", pseudonym: pseudonymFunction)
        let facts = try FixedRowGroupWriter(lake: lake, table: try table("cleansed", "prescriber_drug"), schema: CleansedSchemas.prescriberDrug,
                                            partitionBy: "year", rowGroupRows: groupRows, rowsPerFile: fileRows)
        let prescribers = try FixedRowGroupWriter(lake: lake, table: try table("cleansed", "prescriber"), schema: CleansedSchemas.prescriber,
                                                  partitionBy: "year", rowGroupRows: groupRows, rowsPerFile: fileRows)
        var ledger = RuleLedger()
        var reconciliations: [Reconciliation] = []
        var quarantines: [QuarantineSink] = []
        var stateRows: [[String?]]
        let processor: FactProcessor
        let rawFacts: LakeTable

        switch layout {
        case .cmsWide:
            rawFacts = try lake.open(try table("raw", CMSWideFacts.table))
            var reader = try CMSWideFacts(schema: rawFacts.schema, interners: interners)
            try CMSWideFacts.collectDrugs(rawFacts, into: interners)
            reader.substitutes = try StateSubstitutes.build(rawFacts, tuples: &interners.tuples)
            for account in SourceFileAccount.decode(rawFacts.manifest.properties) ?? [] { reader.encodings[account.source] = account.encoding }
            interners.drugs.assignIDs()
            let q = try QuarantineSink(lake: lake, table: CMSWideFacts.table, columns: reader.quarantineNames, partitionedByYear: true,
                                       redaction: redaction, rowGroupRows: groupRows)
            quarantines.append(q)
            processor = FactProcessor(
                names: .cms, suppressBelow: options.suppressBelow, years: options.years, rawTable: "raw/\(CMSWideFacts.table)", quarantine: q,
                quarantineColumns: reader.quarantineColumns, grouped: grouped, pseudonymizer: pseudonymizer, interners: interners,
                facts: facts, prescribers: prescribers)
            try ReadAhead.scan(rawFacts, options: Self.readOptions) { try processor.process(reader.batch($0)) }
            stateRows = StateReference.all.map { Self.stateRow($0) }
        case .fourTable:
            let source = FourTableSource(lake: lake, interners: interners, redaction: redaction, rowGroupRows: groupRows)
            try source.loadStates()
            try source.loadDrugs()
            try source.loadPrescribers()
            interners.drugs.assignIDs()
            let (t, q) = try source.openFacts()
            rawFacts = t
            processor = FactProcessor(
                names: .source, suppressBelow: options.suppressBelow, years: options.years, rawTable: "raw/prescriber_drug", quarantine: q,
                quarantineColumns: source.factQuarantineColumns, grouped: grouped, pseudonymizer: pseudonymizer, interners: interners,
                facts: facts, prescribers: prescribers)
            try ReadAhead.scan(rawFacts, options: Self.readOptions) { try processor.process(source.batch($0)) }
            ledger.merge(source.ledger)
            reconciliations += source.reconciliations
            quarantines = source.quarantines
            stateRows = source.states.keys.sorted().map { source.states[$0]! }
        }
        try processor.finish()
        ledger.merge(processor.ledger)

        let c = processor.counts
        let factReconciliation = Reconciliation(
            source: "raw/\(rawFacts.manifest.table)", target: "cleansed/prescriber_drug", raw: rawFacts.rowCount, cleansed: facts.rowsWritten,
            quarantined: processor.quarantine.count, duplicatesDropped: c.duplicates
        ).withLines(SourceFileAccount.decode(rawFacts.manifest.properties))
        guard c.raw == rawFacts.rowCount else {
            throw CleanseError.reconciliation(table: factReconciliation.source, raw: rawFacts.rowCount, cleansed: c.cleansed,
                                              quarantined: c.quarantined, duplicates: c.duplicates)
        }
        reconciliations.insert(factReconciliation, at: 0)
        for r in reconciliations { try r.check() }

        let drugs = try FixedRowGroupWriter(lake: lake, table: try table("cleansed", "drug"), schema: CleansedSchemas.drug,
                                            partitionBy: nil, rowGroupRows: groupRows, rowsPerFile: fileRows)
        let d = interners.drugs
        for i in d.keys.indices.filter({ processor.drugReferenced[$0] }).sorted(by: { d.ids[$0] < d.ids[$1] }) {
            try drugs.append(partition: 0) { b in
                b[0].append(int32: d.ids[i])
                b[1].append(string: d.spellings[i].brand)
                b[2].append(string: d.spellings[i].generic)
                b[3].append(bool: options.generics.isGeneric(brand: d.spellings[i].brand, generic: d.spellings[i].generic))
            }
        }
        let states = try FixedRowGroupWriter(lake: lake, table: try table("cleansed", "state"), schema: CleansedSchemas.state,
                                             partitionBy: nil, rowGroupRows: groupRows, rowsPerFile: fileRows)
        for row in stateRows {
            try states.append(partition: 0) { b in
                for i in 0..<5 { b[i].append(string: row[i]) }
                b[5].append(int64: row[5].flatMap { Int64($0) })
            }
        }

        func properties(_ target: String) throws -> [String: String] {
            let mine = reconciliations.filter { $0.target == target }
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys]
            var p = ["rxpipe.cleanse.pseudonymized": pseudonymizer == nil ? "false" : "true", "rxpipe.cleanse.layout": layout.rawValue]
            if !mine.isEmpty { p["rxpipe.cleanse.reconciliation"] = String(decoding: try e.encode(mine), as: UTF8.self) }
            return p
        }
        var manifests: [String: TableManifest] = [:]
        manifests["cleansed/prescriber_drug"] = try facts.commit(properties: try properties("cleansed/prescriber_drug"))
        manifests["cleansed/prescriber"] = try prescribers.commit(properties: try properties("cleansed/prescriber"))
        manifests["cleansed/drug"] = try drugs.commit(properties: try properties("cleansed/drug"))
        manifests["cleansed/state"] = try states.commit(properties: try properties("cleansed/state"))
        for q in quarantines { manifests["quarantine/\(q.table)"] = try q.commit() }
        guard manifests["cleansed/prescriber_drug"]!.rowCount == c.cleansed else {
            throw CleanseError.reconciliation(table: factReconciliation.source, raw: c.raw, cleansed: manifests["cleansed/prescriber_drug"]!.rowCount,
                                              quarantined: c.quarantined, duplicates: c.duplicates)
        }
        let quality = QualityReport(layout: layout, pseudonymized: pseudonymizer != nil, tables: reconciliations, ledger: ledger)
        try quality.write(toDirectory: "\(lake.root)/cleansed")
        return CleanseReport(layout: layout, layoutNote: note, quality: quality, manifests: manifests, grouped: grouped)
    }

    /// Two row groups decoded ahead (on both cores) instead of four: the fact scan holds about
    /// half the memory at the same speed, since the rules run between decodes anyway.
    static let readOptions = ReadOptions(keepDictionary: true, parallel: true, window: 2)

    static func stateRow(_ s: StateInfo) -> [String?] {
        let n = { (t: String) in TextNormalization.normalize(t) }
        return [s.code, n(s.fips), n(s.name), n(s.region), n(s.division), s.population.map { String($0) }]
    }
}
