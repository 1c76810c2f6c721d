import Foundation
import Lake

/// `rxpipe transform`: reads the cleansed tables (the fact table once, in one pass) and
/// writes the twelve curated tables of docs/tables.md. Every table is built in memory before
/// the first is committed, so a failure while building leaves the curated zone as it was.
public struct Transform: Sendable {
    public let lake: Lake
    /// Threads for the fact pass; the row-group split is fixed by this number, so output
    /// bytes depend on it only through summation order, which stays the same run to run.
    public let workers: Int
    /// Thresholds of `prescriber_outliers` (`[outliers]`).
    public let outliers: OutlierSettings

    public init(lake: Lake, workers: Int = 2, outliers: OutlierSettings = .defaults) {
        self.lake = lake
        self.workers = workers
        self.outliers = outliers
    }

    /// What one table's commit produced, for the command's report.
    public struct Written: Sendable, Equatable {
        public let table: String
        public let rows: Int
        public let version: Int
        public let contentHash: String
    }

    public struct Report: Sendable {
        public let factRows: Int
        public let stateSource: String
        public let tables: [Written]
        /// Seconds per phase (dimensions, fact pass, rollups, tables, write), for --verbose.
        public let phases: [(String, Double)]
    }

    /// Runs the stage; `progress` gets the number of fact rows of each row group folded in.
    @discardableResult
    public func run(progress: @Sendable (Int) -> Void = { _ in }) throws -> Report {
        var phases = [(String, Double)]()
        var mark = Date()
        func lap(_ name: String) {
            phases.append((name, Date().timeIntervalSince(mark)))
            mark = Date()
        }
        let fact = try CleansedTable.open(lake, CleansedTable.prescriberDrug)
        let prescriberTable = try CleansedTable.open(lake, CleansedTable.prescriber)
        let drugTable = try CleansedTable.open(lake, CleansedTable.drug)
        let states = try StateDimension.load(lake)
        let prescribers = try PrescriberDimension(table: prescriberTable)
        let drugs = try DrugDimension(table: drugTable)
        lap("dimensions")
        let facts = try FactPass(prescribers: prescribers, drugs: drugs).run(fact, workers: workers, progress: progress)
        let factRows = facts.rows
        let rollups = Rollups(prescribers: prescribers, drugs: drugs, facts: consume facts)
        lap("fact pass and distinct counts")
        let ranked = PrescriberTables.rank(rollups)
        let tables = [
            KPIYearTable.build(rollups),
            DrugSummaryTable.build(rollups),
            GenericSummaryTable.build(rollups),
            StateTables.summary(rollups, states: states),
            PrescriberTables.specialty(rollups),
            PrescriberTables.summary(rollups, ranked),
            PrescriberTables.topByState(rollups, ranked),
            StateTables.topDrugs(rollups),
            StateSpecialtyTable.build(rollups),
            SpecialtyDrugTable.build(rollups),
            DrugTrendTable.build(rollups),
            PrescriberOutliersTable.build(rollups, settings: outliers),
        ]
        lap("tables")
        var inputs = ["prescriber_drug=\(fact.manifest.contentHash)", "prescriber=\(prescriberTable.manifest.contentHash)",
                      "drug=\(drugTable.manifest.contentHash)"]
        if let s = try CleansedTable.openIfPresent(lake, CleansedTable.state) { inputs.append("state=\(s.manifest.contentHash)") }
        let fingerprint = inputs.joined(separator: ";")
        // Take every table's lock and write its file before committing any of them.
        var writers = [TableWriter]()
        for t in tables {
            let w = try TableWriter(lake: lake, table: try Lake.TableName(zone: "curated", table: t.name), schema: t.schema,
                                    inputFingerprint: fingerprint)
            try w.write(t.columns)
            writers.append(w)
        }
        var written = [Written]()
        for (t, w) in zip(tables, writers) {
            let m = try w.commit()
            written.append(Written(table: "curated/\(t.name)", rows: m.rowCount, version: m.version, contentHash: m.contentHash))
        }
        lap("write")
        return Report(factRows: factRows, stateSource: states.source, tables: written, phases: phases)
    }
}
