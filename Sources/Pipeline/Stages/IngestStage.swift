import Foundation
import Ingestion
import Lake
import Runs
import RxCore

/// ingest: the source (CMS CSV files or the four PostgreSQL tables) into the raw zone.
public struct IngestStage: Stage {
    /// What `rxpipe ingest`'s options change; `rxpipe run` takes the configuration as it is.
    public struct Overrides: Sendable {
        public var directory: String?
        public var layout: CSVSourceLayout?
        public var year: Int?
        public var maxFieldBytes: Int
        public init(directory: String? = nil, layout: CSVSourceLayout? = nil, year: Int? = nil, maxFieldBytes: Int = 64 << 10) {
            self.directory = directory
            self.layout = layout
            self.year = year
            self.maxFieldBytes = maxFieldBytes
        }
    }

    /// What one ingest committed.
    public enum Result: Sendable {
        case csv(RawCSVSourceIngest.Outcome)
        case postgres([SourceTable: TableManifest])

        public var summary: String {
            switch self {
            case .csv(let outcome):
                let rows = outcome.manifests.reduce(0) { $0 + $1.rowCount }
                return "\(rows) rows from \(outcome.files.count) files (\(outcome.layout.rawValue) layout)"
            case .postgres(let manifests):
                return "\(manifests[.prescriberDrug]?.rowCount ?? 0) prescriber_drug rows from PostgreSQL"
            }
        }
    }

    public let name = StageName.ingest
    public let config: RxpipeConfig
    public let overrides: Overrides
    /// The source's fingerprint, computed by the caller before any stage runs (the run id
    /// carries it); empty for a single-stage command, which does not consult the runner.
    public let sourceFingerprint: String

    public init(config: RxpipeConfig, overrides: Overrides = Overrides(), sourceFingerprint: String = "") {
        self.config = config
        self.overrides = overrides
        self.sourceFingerprint = sourceFingerprint
    }

    public func fingerprint() -> String { sourceFingerprint }

    public func outputsPresent() -> Bool { StageInputs(lakeRoot: config.lake.root).hasTables(in: "raw") }

    /// Under `rxpipe run` a source without rows is a gate failure that keeps yesterday's site
    /// (`EmptySource`), not a crash.
    public func run() throws -> String {
        do {
            return try perform().summary
        } catch let error as IngestError {
            if case .noSourceFiles = error { throw EmptySource(error.description) }
            throw error
        } catch let error as CSVError {
            switch error {
            case .empty, .headerOnly: throw EmptySource(error.description)
            default: throw error
            }
        }
    }

    public func perform(progress: (@Sendable (Int) -> Void)? = nil) throws -> Result {
        let lake = Lake(root: config.lake.root)
        if config.source.kind == .postgres {
            let options = PostgresSourceOptions(
                conninfo: config.source.url ?? "", names: SourceTableNames(config.source),
                retry: PostgresRetryPolicy(retries: 3, initialDelay: 0.5, multiplier: 2), batchRows: 262_144)
            return .postgres(try RawPostgresIngest(lake: lake, options: options).run(progress: progress))
        }
        let layout = overrides.layout ?? CSVSourceLayout(rawValue: config.source.layout) ?? .auto
        let ingest = RawCSVSourceIngest(
            lake: lake, directory: overrides.directory ?? config.source.path, layout: layout, names: SourceTableNames(config.source),
            year: overrides.year ?? config.source.year, maxFieldBytes: overrides.maxFieldBytes, years: config.source.years)
        return .csv(try ingest.run(progress: progress))
    }

    /// Source file hashes (cached by stat) or the PostgreSQL tables' row counts and change counters.
    public static func sourceFingerprint(_ config: RxpipeConfig, cache: inout FileHashCache) throws -> String {
        var f = Fingerprint()
        f.add("rxpipe", RxpipeVersion.string)
        f.add("kind", config.source.kind.rawValue)
        f.add("year", config.source.year.map(String.init) ?? "")
        if config.source.kind == .postgres {
            let names = SourceTableNames(config.source)
            let connection = try PostgresConnection(config.source.url ?? "", retry: PostgresRetryPolicy(retries: 3, initialDelay: 0.5, multiplier: 2))
            for table in SourceTable.allCases {
                let name = try connection.qualifiedName(schema: names.schema, table: names.name(of: table))
                let count = try connection.query("SELECT count(*) FROM \(name)").first?.first ?? nil
                let stats = try connection.query(
                    "SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2",
                    parameters: [names.schema, names.name(of: table)]).first ?? []
                f.add("table \(table.rawValue)", "\(names.name(of: table)) rows \(count ?? "?") changes \(stats.map { $0 ?? "" }.joined(separator: "/"))")
            }
            return f.hex
        }
        for file in try RawCSVIngest.sourceFiles(in: config.source.path) {
            let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
            f.add("file \((file as NSString).lastPathComponent)", try cache.hash(of: absolute))
        }
        return f.hex
    }
}
