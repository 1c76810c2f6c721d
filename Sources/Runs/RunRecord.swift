import Curated

/// `runs/<run-id>/manifest.json`: everything needed to understand and compare a run later.
public struct RunRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case running, ok
        case gateFailed = "gate_failed"
        case failed
        /// Found `running` by a later run whose lock showed the holder had died.
        case interrupted
    }

    public struct Reconciliation: Codable, Sendable, Equatable {
        public var table: String
        public var raw: Int
        public var cleansed: Int
        public var quarantined: Int
        public var duplicatesDropped: Int

        enum CodingKeys: String, CodingKey {
            case table, raw, cleansed, quarantined
            case duplicatesDropped = "duplicates_dropped"
        }
    }

    /// One quality gate's result, as the site's banner shows it.
    public typealias Gate = GateSummary.Gate

    /// One data year's headline figures (kpi_year), by column name.
    public struct KPIs: Codable, Sendable, Equatable {
        public var year: Int
        public var values: [String: Double]
        public init(year: Int, values: [String: Double]) {
            self.year = year
            self.values = values
        }
    }

    /// A curated table as it was in this run.
    public struct TableState: Codable, Sendable, Equatable {
        public var rows: Int
        public var contentHash: String
        public var columns: [String]
        public var types: [String]

        enum CodingKeys: String, CodingKey {
            case rows, columns, types
            case contentHash = "content_hash"
        }
    }

    public var runID: String
    public var rxpipeVersion: String
    public var status: Status
    public var configHash: String
    public var inputFingerprints: [String: String]
    public var stages: [StageOutcome]
    public var totalSeconds: Double
    public var reconciliation: [Reconciliation]
    public var ruleCounts: [String: Int]
    public var gates: [Gate]
    public var kpis: [KPIs]
    public var tables: [String: TableState]
    public var error: String?
    /// Whether the run's data was pseudonymised (nil in records from before it was kept): the
    /// site compares a run only with earlier data of the same kind, so real NPIs of an earlier
    /// run never reach a pseudonymised site's changes page.
    public var pseudonymized: Bool?

    enum CodingKeys: String, CodingKey {
        case status, stages, reconciliation, gates, kpis, tables, error, pseudonymized
        case runID = "run_id"
        case rxpipeVersion = "rxpipe_version"
        case configHash = "config_hash"
        case inputFingerprints = "input_fingerprints"
        case totalSeconds = "total_seconds"
        case ruleCounts = "rule_counts"
    }

    public init(runID: String, rxpipeVersion: String, configHash: String) {
        self.runID = runID
        self.rxpipeVersion = rxpipeVersion
        self.status = .running
        self.configHash = configHash
        self.inputFingerprints = [:]
        self.stages = []
        self.totalSeconds = 0
        self.reconciliation = []
        self.ruleCounts = [:]
        self.gates = []
        self.kpis = []
        self.tables = [:]
    }

    public var gatesPassed: Bool { gates.allSatisfy(\.passed) }
}
