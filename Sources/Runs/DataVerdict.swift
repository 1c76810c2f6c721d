import Foundation
import Lake
import RxCore
import Curated

/// The quality gates' verdict on one curated data version, with what the site says about the
/// run that judged it (run id, data-version history, changes since the previous version). It is
/// kept in the lake beside the data (`curated/_verdict.json`), so every later render of the same
/// data, by `rxpipe run` or a plain `rxpipe render`, shows the same banner, writes the same
/// `.rxpipe-gates.json` and the same bytes, and `rxpipe publish` can refuse gate-failed data
/// however the site was rendered.
public struct DataVerdict: Codable, Equatable, Sendable {
    /// `DataVersions.contentKey` of the curated tables judged.
    public var dataVersion: String
    /// The run that judged them (its id is the site's run label); nil when judged by `render`.
    public var runID: String?
    public var gates: [RunRecord.Gate]
    public var history: [RunHistoryEntry]
    public var changesMarkdown: String?

    public init(dataVersion: String, runID: String?, gates: [RunRecord.Gate], history: [RunHistoryEntry], changesMarkdown: String?) {
        self.dataVersion = dataVersion
        self.runID = runID
        self.gates = gates
        self.history = history
        self.changesMarkdown = changesMarkdown
    }

    public var passed: Bool { gates.allSatisfy(\.passed) }

    public var gateSummary: GateSummary {
        GateSummary(gates: gates)
    }

    public static func path(lakeRoot: String) -> String { lakeRoot + "/curated/_verdict.json" }

    /// The stored verdict, whatever data it judged; nil when none was stored.
    public static func stored(lakeRoot: String) throws(RunError) -> DataVerdict? {
        let path = path(lakeRoot: lakeRoot)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(DataVerdict.self, from: data)
        } catch {
            throw .badRecord(path: path, reason: "\(error)")
        }
    }

    public func save(lakeRoot: String) throws(RunError) {
        try AtomicFile.write(path: Self.path(lakeRoot: lakeRoot), data: try JSONCoding.encode(self))
    }

    /// The data version of the curated tables committed now.
    public static func currentDataVersion(lakeRoot: String) -> String {
        let lake = Lake(root: lakeRoot)
        var hashes: [String: String] = [:]
        for name in (try? lake.tables(zone: "curated")) ?? [] {
            if let m = try? lake.manifest(name) { hashes[name.table] = m.contentHash }
        }
        return DataVersions.contentKey(hashes)
    }

    /// The verdict on the curated data committed now: the stored one when it judged this data,
    /// else the gates evaluated now against the lake (as `rxpipe run` would, compared with the
    /// last recorded run of other data), with no run id and no changes.
    public static func forCurrentData(lakeRoot: String, thresholds: RxpipeConfig.Quality) throws(RunError) -> DataVerdict {
        let version = currentDataVersion(lakeRoot: lakeRoot)
        if let stored = try stored(lakeRoot: lakeRoot), stored.dataVersion == version { return stored }
        let records = RunHistory(lakeRoot: lakeRoot).records()
        let earlier = records.last { ($0.status == .ok || $0.status == .gateFailed) && DataVersions.contentKey($0) != version }
        let quality = RunFacts.quality(lakeRoot: lakeRoot)
        let gates = QualityGates(thresholds: thresholds).evaluate(
            reconciliation: quality.reconciliation, ruleCounts: quality.rules, rowsPerYear: RunFacts.rowsPerYear(lakeRoot: lakeRoot),
            kpis: (try? RunFacts.kpis(lakeRoot: lakeRoot)) ?? [], previous: earlier?.kpis)
        return DataVerdict(
            dataVersion: version, runID: nil, gates: gates, history: DataVersions.history(DataVersions.firsts(records)),
            changesMarkdown: nil)
    }
}
