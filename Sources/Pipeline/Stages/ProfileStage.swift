import Foundation
import Lake
import Profiling
import Runs
import RxCore

/// profile: a profile (automated EDA) of every table of the raw, cleansed and curated zones.
public struct ProfileStage: Stage {
    /// One table profiled, as `rxpipe profile` reports it.
    public struct Profiled {
        public let table: Lake.TableName
        public let rows: Int
        public let profile: TableProfile
        public let path: String
        public let seconds: Double
    }

    public let name = StageName.profile
    public let config: RxpipeConfig
    public let lakeRoot: String

    public init(config: RxpipeConfig, lakeRoot: String? = nil) {
        self.config = config
        self.lakeRoot = lakeRoot ?? config.lake.root
    }

    /// Every profiled table's content and the settings; a new profile format re-profiles the
    /// lake (the site refuses profiles of another schema).
    public func fingerprint() -> String {
        StageInputs(lakeRoot: lakeRoot).fingerprint(
            zones: ProfileStore.zones, settings: [("settings", "\(config.profile)"), ("schema", "\(ProfileDocument.schemaVersion)")])
    }

    public func outputsPresent() -> Bool {
        RunFacts.tableHashes(lakeRoot: lakeRoot, zones: ProfileStore.zones).allSatisfy { name, _ in
            FileManager.default.fileExists(atPath: "\(lakeRoot)/profiles/\(name).json")
        }
    }

    public func run() throws -> String {
        "\(try perform().count) tables profiled"
    }

    /// Profiles `tables` (default: every table of the profiled zones), writing each profile as
    /// it is done; `progress` gives a table its row counter, `profiled` hears of each table.
    @discardableResult
    public func perform(
        tables: [Lake.TableName] = [], progress: (Lake.TableName) -> (Int) -> Void = { _ in { _ in } },
        profiled: (Profiled) -> Void = { _ in }
    ) throws -> [Profiled] {
        let lake = Lake(root: lakeRoot)
        let store = ProfileStore(lake: lake)
        let names = tables.isEmpty ? try store.tables() : tables
        let settings = ProfileSettings(config.profile)
        let profiler = TableProfiler(lake: lake, settings: settings)
        var done: [Profiled] = []
        for table in names {
            let started = Date()
            let rows = try lake.manifest(table).rowCount
            let profile = try profiler.profile(table, progress: progress(table))
            try store.write(ProfileDocument(profile, settings: settings), for: table)
            let result = Profiled(table: table, rows: rows, profile: profile, path: store.path(table), seconds: Date().timeIntervalSince(started))
            profiled(result)
            done.append(result)
        }
        return done
    }
}
