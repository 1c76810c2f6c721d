import Foundation

/// The runs of a lake (`<lake>/runs/<run-id>/`), in the order they started (`RunID`).
public struct RunHistory {
    public let lakeRoot: String
    public var directory: String { lakeRoot + "/runs" }

    public init(lakeRoot: String) { self.lakeRoot = lakeRoot }

    public func ids() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter(RunID.isValid).sorted(by: RunID.precedes)
    }

    /// The sequence number for a new run: one past the highest recorded. Called under the
    /// lake's run lock, so two runs never draw the same number.
    public func nextSequence() -> Int {
        (ids().compactMap(RunID.sequence(of:)).max() ?? 0) + 1
    }

    public func record(_ id: String) throws(RunError) -> RunRecord {
        let path = "\(directory)/\(id)/manifest.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw .unknownRun(id, available: ids()) }
        do {
            return try JSONDecoder().decode(RunRecord.self, from: data)
        } catch {
            throw .badRecord(path: path, reason: "\(error)")
        }
    }

    public func records() -> [RunRecord] { ids().compactMap { try? record($0) } }

    /// A run id, or `latest` (the last completed run) or `previous` (the first run of the data
    /// version before the latest's, as the site's changes page compares: see
    /// `DataVersions.previousVersion`; reruns of unchanged data are skipped).
    public func resolve(_ name: String) throws(RunError) -> String {
        let all = ids()
        switch name {
        case "latest":
            guard let id = completed().last?.runID else { throw .noRuns(lake: lakeRoot) }
            return id
        case "previous":
            let runs = completed()
            guard let id = DataVersions.previousVersion(runs)?.runID else {
                throw .noPreviousVersion(completed: runs.map(\.runID))
            }
            return id
        default:
            guard RunID.isValid(name), all.contains(name) else { throw .unknownRun(name, available: all) }
            return name
        }
    }

    /// Completed runs (ok or gate_failed), in run order.
    public func completed() -> [RunRecord] {
        records().filter { $0.status == .ok || $0.status == .gateFailed }
    }

    public func save(_ record: RunRecord) throws(RunError) {
        try AtomicFile.write(path: "\(directory)/\(record.runID)/manifest.json", data: try JSONCoding.encode(record))
    }

    /// Marks runs left `running` by a process that died as `interrupted`.
    public func markInterrupted(except current: String) {
        for id in ids() where id != current {
            guard var r = try? record(id), r.status == .running else { continue }
            r.status = .interrupted
            try? save(r)
        }
    }

    /// Keeps the newest `keep` runs; removes the rest (whole folders).
    @discardableResult
    public func prune(keep: Int) -> [String] {
        let all = ids()
        guard keep > 0, all.count > keep else { return [] }
        let removed = Array(all.prefix(all.count - keep))
        for id in removed { try? FileManager.default.removeItem(atPath: "\(directory)/\(id)") }
        return removed
    }

    /// Where a run keeps its snapshot of the curated tables.
    public func snapshotDirectory(_ id: String) -> String { "\(directory)/\(id)/curated" }
}
