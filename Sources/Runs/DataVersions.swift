import Foundation
import Lake
import Cleansing
import Curated

/// Runs grouped by what they published: consecutive runs with the same curated content and
/// gate results are one data version. The run history page and "what changed" compare data
/// versions, so a rerun that changed nothing changes no page.
public enum DataVersions {
    public static func key(_ r: RunRecord) -> String {
        var f = Fingerprint()
        f.add("content", contentKey(r))
        for g in r.gates { f.add("gate " + g.name, g.passed ? "passed" : "failed") }
        return f.hex
    }

    /// The curated tables' content alone.
    public static func contentKey(_ r: RunRecord) -> String {
        contentKey(r.tables.mapValues(\.contentHash))
    }

    /// The same key from table name → content hash.
    public static func contentKey(_ hashes: [String: String]) -> String {
        var f = Fingerprint()
        for name in hashes.keys.sorted() { f.add(name, hashes[name]!) }
        return f.hex
    }

    /// The first run of each data version, oldest first, among completed runs.
    public static func firsts(_ records: [RunRecord]) -> [RunRecord] {
        var out: [RunRecord] = []
        var last: String? = nil
        for r in records where r.status == .ok || r.status == .gateFailed {
            let k = key(r)
            if k != last { out.append(r) }
            last = k
        }
        return out
    }

    /// The run that `previous` names, in `rxpipe diff` and on the site's changes page alike:
    /// the first run of the data version before the newest one's, among runs with the same
    /// pseudonymization (a pseudonymized run is never compared with one that shows NPIs).
    /// Reruns of the same data and gate results are skipped, so it is the last time the
    /// published figures changed; nil when every completed run has the same data.
    public static func previousVersion(_ records: [RunRecord]) -> RunRecord? {
        let versions = firsts(records)
        guard let current = versions.last else { return nil }
        return versions.dropLast().last { ($0.pseudonymized ?? false) == (current.pseudonymized ?? false) }
    }

    /// Run history entries for the site (latest data year's KPIs of each version).
    public static func history(_ firsts: [RunRecord]) -> [RunHistoryEntry] {
        firsts.map { r in
            let latest = r.kpis.max { $0.year < $1.year }
            return RunHistoryEntry(
                runID: r.runID, status: r.status.rawValue, gatesPassed: r.gatesPassed, year: latest?.year, kpis: latest?.values ?? [:])
        }
    }
}

/// Figures a run record keeps, read from the lake after transform.
public enum RunFacts {
    /// kpi_year rows as column → value maps.
    public static func kpis(lakeRoot: String) throws -> [RunRecord.KPIs] {
        let rows = try TableRows.read(Lake(root: lakeRoot), zone: "curated", table: "kpi_year")
        return rows.allRows.map { r in
            var values: [String: Double] = [:]
            for c in rows.columns where c != "year" { if let v = r.double(c) { values[c] = v } }
            return RunRecord.KPIs(year: r.int("year") ?? 0, values: values)
        }.sorted { $0.year < $1.year }
    }

    /// Cleansed prescriber_drug rows per data year (from the manifest's partitions).
    public static func rowsPerYear(lakeRoot: String) -> [Int: Int] {
        guard let m = try? Lake(root: lakeRoot).manifest(try .init(zone: "cleansed", table: "prescriber_drug")) else { return [:] }
        var rows: [Int: Int] = [:]
        for f in m.files {
            if let text = f.partition["year"] ?? nil, let y = Int(text) { rows[y, default: 0] += f.rows }
        }
        return rows
    }

    /// Reconciliation and rule counts from `cleansed/quality.json`.
    public static func quality(lakeRoot: String) -> (reconciliation: [RunRecord.Reconciliation], rules: [String: Int]) {
        guard let report = try? QualityReport.load(path: lakeRoot + "/cleansed/quality.json") else { return ([], [:]) }
        let rec = report.tables.map {
            RunRecord.Reconciliation(table: $0.name, raw: $0.raw, cleansed: $0.cleansed, quarantined: $0.quarantined, duplicatesDropped: $0.duplicatesDropped)
        }
        var rules: [String: Int] = [:]
        for r in report.rules { rules[r.id] = r.count }
        return (rec, rules)
    }

    /// Content hashes of every committed table of `zones`, for stage fingerprints.
    public static func tableHashes(lakeRoot: String, zones: [String]) -> [(String, String)] {
        let lake = Lake(root: lakeRoot)
        var out: [(String, String)] = []
        for zone in zones {
            for name in (try? lake.tables(zone: zone)) ?? [] {
                if let m = try? lake.manifest(name) { out.append((name.description, m.contentHash)) }
            }
        }
        return out
    }
}
