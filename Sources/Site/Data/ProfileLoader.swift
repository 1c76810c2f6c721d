import Foundation

/// Reads `profiles/<zone>/<table>.json` (docs/profile-schema.md) into `TableProfile`s.
public enum ProfileLoader {
    /// Every profile under `<lake>/profiles`, by zone then table; none when the folder is absent.
    public static func all(lakeRoot: String) throws(SiteError) -> [TableProfile] {
        let fm = FileManager.default
        let root = lakeRoot + "/profiles"
        var profiles: [TableProfile] = []
        let zoneOrder = ["raw", "cleansed", "quarantine", "curated"]
        let zones = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).sorted {
            (zoneOrder.firstIndex(of: $0) ?? 9, $0) < (zoneOrder.firstIndex(of: $1) ?? 9, $1)
        }
        for zone in zones {
            let names = ((try? fm.contentsOfDirectory(atPath: "\(root)/\(zone)")) ?? []).filter { $0.hasSuffix(".json") }.sorted()
            for name in names {
                let path = "\(root)/\(zone)/\(name)"
                guard let data = fm.contents(atPath: path) else { throw .unreadable(path: path, reason: "cannot read the file") }
                profiles.append(try parse(Array(data), path: path, zone: zone, table: String(name.dropLast(5))))
            }
        }
        return profiles
    }

    static func parse(_ bytes: [UInt8], path: String, zone: String, table: String) throws(SiteError) -> TableProfile {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw .unreadable(path: path, reason: "not a JSON object")
        }
        let t = (root["table"] as? [String: Any]) ?? root
        func num(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }
        func int(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? 0 }
        var columns: [TableProfile.Column] = []
        for case let c as [String: Any] in (root["columns"] as? [Any]) ?? [] {
            columns.append(column(c))
        }
        var alerts: [TableProfile.Alert] = []
        for case let a as [String: Any] in (root["alerts"] as? [Any]) ?? [] {
            let cols = (a["columns"] as? [String]) ?? ((a["column"] as? String).map { [$0] } ?? [])
            alerts.append(TableProfile.Alert(kind: (a["kind"] as? String) ?? (a["type"] as? String) ?? "", columns: cols,
                                             message: (a["message"] as? String) ?? ""))
        }
        let corr = (root["correlations"] as? [String: Any]) ?? [:]
        func matrix(_ any: Any?) -> [[Double]] {
            ((any as? [Any]) ?? []).map { (($0 as? [Any]) ?? []).map { num($0) ?? .nan } }
        }
        return TableProfile(
            zone: zone, table: table, rows: int(t["rows"] ?? t["row_count"]), sizeBytes: int(t["size_bytes"]),
            duplicateRows: int(t["duplicate_rows"]), missingCellsShare: num(t["missing_cells_share"]) ?? 0,
            columns: columns, alerts: alerts, correlationLabels: (corr["columns"] as? [String]) ?? [],
            pearson: matrix(corr["pearson"]), spearman: matrix(corr["spearman"]), json: bytes)
    }

    static func column(_ c: [String: Any]) -> TableProfile.Column {
        func num(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }
        func int(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? 0 }
        func bins(_ any: Any?) -> [TableProfile.Bin] {
            ((any as? [Any]) ?? []).compactMap { $0 as? [String: Any] }.map {
                TableProfile.Bin(lower: num($0["lower"]) ?? 0, upper: num($0["upper"]) ?? 0, count: num($0["count"]) ?? 0)
            }
        }
        func values(_ any: Any?) -> [TableProfile.TopValue] {
            ((any as? [Any]) ?? []).compactMap { $0 as? [String: Any] }.map {
                TableProfile.TopValue(value: ($0["value"] as? String) ?? ($0["pattern"] as? String) ?? "",
                                      count: int($0["count"]), share: num($0["share"]) ?? 0)
            }
        }
        var statistics: [(String, String)] = []
        let numeric = (c["numeric"] as? [String: Any]) ?? [:]
        for (key, label) in [("min", "Minimum"), ("max", "Maximum"), ("mean", "Mean"), ("std", "Standard deviation"),
                             ("sum", "Sum"), ("zeros", "Zeros"), ("negatives", "Negatives"), ("iqr_outliers", "IQR outliers")] {
            if let v = num(numeric[key]) { statistics.append((label, Format.decimal(v, v == v.rounded() ? 0 : 2))) }
        }
        if let q = numeric["quantiles"] as? [String: Any] {
            for key in ["p1", "p5", "p25", "p50", "p75", "p95", "p99"] {
                if let v = num(q[key]) { statistics.append((key.uppercased(), Format.decimal(v, v == v.rounded() ? 0 : 2))) }
            }
        }
        let strings = (c["string"] as? [String: Any]) ?? [:]
        for (key, label) in [("length_min", "Shortest"), ("length_mean", "Mean length"), ("length_max", "Longest"), ("empty", "Empty strings")] {
            if let v = num(strings[key]) { statistics.append((label, Format.decimal(v, v == v.rounded() ? 0 : 1))) }
        }
        let distinct = c["distinct"] as? [String: Any]
        return TableProfile.Column(
            name: (c["name"] as? String) ?? "", type: (c["type"] as? String) ?? "", count: int(c["count"]),
            nulls: int(c["nulls"]), distinct: (distinct?["value"] as? NSNumber)?.intValue ?? (c["distinct"] as? NSNumber)?.intValue,
            distinctNote: (distinct?["method"] as? String) ?? "exact", statistics: statistics,
            histogram: bins(numeric["histogram"]), logHistogram: bins(numeric["log_histogram"]),
            topValues: values(strings["top_values"] ?? c["top_values"] ?? c["value_counts"]),
            patterns: values(strings["patterns"]))
    }
}
