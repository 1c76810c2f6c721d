import Curated
import Disclosure
import Foundation

/// Reads `profiles/<zone>/<table>.json` (docs/profile-schema.md) into `TableProfile`s, each
/// passed through the disclosure policy first: the pages and the JSON offered for download
/// are the redacted profile, the lake keeps the full one.
public enum ProfileLoader {
    /// Every profile under `<lake>/profiles`, by zone then table; none when the folder is absent.
    public static func all(lakeRoot: String, policy: DisclosurePolicy) throws(SiteError) -> [TableProfile] {
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
                profiles.append(try parse(Array(data), path: path, zone: zone, table: String(name.dropLast(5)), policy: policy))
            }
        }
        return profiles
    }

    static func parse(_ bytes: [UInt8], path: String, zone: String, table: String, policy: DisclosurePolicy) throws(SiteError) -> TableProfile {
        guard let full = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw .unreadable(path: path, reason: "not a JSON object")
        }
        let root = ProfileRedaction(policy: policy).redact(full, zone: zone)
        guard let publicJSON = try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        else { throw .unreadable(path: path, reason: "the redacted profile could not be written as JSON") }
        guard (root["schema_version"] as? NSNumber)?.intValue == schemaVersion else {
            throw .unreadable(
                path: path,
                reason: "profile schema_version \(root["schema_version"] ?? "missing") is not \(schemaVersion); run `rxpipe profile` again")
        }
        let columns = ((root["column_profiles"] as? [Any]) ?? []).compactMap { $0 as? [String: Any] }.map {
            column($0, policy: policy)
        }
        var alerts: [TableProfile.Alert] = []
        for case let a as [String: Any] in (root["alerts"] as? [Any]) ?? [] {
            let kind = (a["type"] as? String) ?? ""
            var message = ""
            if let v = num(a["value"]) { message = "value " + Format.decimal(v, 3) }
            if let t = num(a["threshold"]) { message += (message.isEmpty ? "" : ", ") + "threshold " + Format.decimal(t, 3) }
            if let m = a["measure"] as? String { message += " (\(m))" }
            alerts.append(TableProfile.Alert(kind: kind, columns: (a["columns"] as? [String]) ?? [], message: message))
        }
        let corr = (root["correlations"] as? [String: Any]) ?? [:]
        func matrix(_ any: Any?) -> [[Double]] {
            ((any as? [Any]) ?? []).map { (($0 as? [Any]) ?? []).map { num($0) ?? .nan } }
        }
        return TableProfile(
            zone: zone, table: table, rows: int(root["rows"]), sizeBytes: int(root["size_bytes"]),
            duplicateRows: int(root["duplicate_rows"]), missingCellsShare: num(root["missing_cells_share"]) ?? 0,
            columns: columns, alerts: alerts, belowMinRows: (root["below_min_rows"] as? Bool) ?? false,
            minRows: int((root["settings"] as? [String: Any])?["min_rows"]), correlationNote: corr["note"] as? String,
            correlationLabels: (corr["columns"] as? [String]) ?? [],
            pearson: matrix(corr["pearson"]), spearman: matrix(corr["spearman"]), json: Array(publicJSON) + [0x0A])
    }

    /// The profile format this reader understands (docs/profile-schema.md).
    static let schemaVersion = 2

    static func num(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }
    static func int(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? 0 }

    static func column(_ c: [String: Any], policy: DisclosurePolicy) -> TableProfile.Column {
        func bins(_ any: Any?) -> [TableProfile.Bin] {
            guard let h = any as? [String: Any], let edges = (h["edges"] as? [Any])?.compactMap(num),
                let counts = (h["counts"] as? [Any])?.compactMap(num), edges.count == counts.count + 1
            else { return [] }
            return counts.indices.map { TableProfile.Bin(lower: edges[$0], upper: edges[$0 + 1], count: counts[$0]) }
        }
        func values(_ any: Any?) -> [TableProfile.TopValue] {
            ((any as? [Any]) ?? []).compactMap { $0 as? [String: Any] }.map {
                TableProfile.TopValue(value: ($0["value"] as? String) ?? "\($0["value"] ?? "")", count: int($0["count"]), share: num($0["share"]) ?? 0)
            }
        }
        let semantic = (c["semantic_type"] as? String) ?? "measure"
        // A period is a label: "2021", never "2,021".
        func text(_ v: Double, integral: Bool) -> String {
            semantic == "period" ? String(Int(v)) : integral ? Format.count(v) : Format.decimal(v, 2)
        }
        let below = "below \(policy.suppressBelow) (suppressed)"
        let integral = ["int32", "int64", "date"].contains((c["type"] as? String) ?? "")
        var statistics: [(String, String)] = []
        for (key, label) in [("min", "Minimum"), ("max", "Maximum"), ("mean", "Mean"), ("std", "Standard deviation"),
                             ("sum", "Sum"), ("skewness", "Skewness"), ("zeros", "Zeros"), ("negatives", "Negatives"),
                             ("iqr", "Interquartile range"), ("iqr_outliers", "IQR outliers"), ("nan", "NaN values")] {
            if c[key] is NSNull, ["min", "max"].contains(key) { statistics.append((label, below)); continue }
            guard let v = num(c[key]) else { continue }
            // An integer column has no NaN: a row of zeros says nothing.
            if key == "nan", v == 0, !["double", "float"].contains((c["type"] as? String) ?? "") { continue }
            let isCount = ["zeros", "negatives", "iqr_outliers", "nan"].contains(key)
            statistics.append((label, isCount ? Format.count(v) : text(v, integral: integral && ["min", "max", "sum"].contains(key))))
        }
        if let q = c["quantiles"] as? [String: Any] {
            for key in ["p1", "p5", "p25", "p50", "p75", "p95", "p99"] {
                if q[key] is NSNull { statistics.append((key.uppercased() + " (exact)", below)) }
                if let v = num(q[key]) { statistics.append((key.uppercased() + " (exact)", text(v, integral: false))) }
            }
        }
        if let length = c["length"] as? [String: Any] {
            for (key, label) in [("min", "Shortest"), ("mean", "Mean length"), ("max", "Longest")] {
                if let v = num(length[key]) { statistics.append((label, Format.decimal(v, key == "mean" ? 1 : 0))) }
            }
        }
        if let validity = c["validity"] as? [String: Any] {
            if let share = num(validity["valid_share"]) { statistics.append(("Valid NPIs (Luhn check digit)", Format.percent(share, precision: 2))) }
            if let pseudonyms = num(validity["pseudonyms"]), pseudonyms > 0 { statistics.append(("Pseudonyms (not checked)", Format.count(pseudonyms))) }
        }
        if let empty = num(c["empty"]) { statistics.append(("Empty strings", Format.count(empty))) }
        if let imbalance = num(c["imbalance"]) { statistics.append(("Imbalance", Format.decimal(imbalance, 3))) }
        if let suppressed = num(c["suppressed_share"]) { statistics.append(("Suppressed share", Format.percent(suppressed, precision: 2))) }
        let kind = ColumnSensitivity.of((c["name"] as? String) ?? "")
        if kind.contains(.beneficiaryCount) {
            statistics.append(("Disclosure", "beneficiary counts are never summed or averaged; values below \(policy.suppressBelow) are not shown"))
        } else if c["min"] == nil, c["count"] != nil, !policy.mayShowValues(of: kind) {
            statistics.append(("Disclosure", "values withheld: the data is pseudonymised"))
        }
        let distinct = c["distinct"] as? [String: Any]
        let exact = (distinct?["exact"] as? Bool) ?? true
        let error = num(distinct?["relative_error"])
        let top = values(c["value_counts"]).isEmpty ? values(c["top_values"]) : values(c["value_counts"])
        return TableProfile.Column(
            name: (c["name"] as? String) ?? "", type: (c["type"] as? String) ?? "", semanticType: semantic, count: int(c["count"]),
            nulls: int(c["nulls"]), distinct: (distinct?["value"] as? NSNumber)?.intValue,
            distinctNote: exact ? "exact" : "HyperLogLog, relative error \(Format.percent(error ?? 0, precision: 2))",
            statistics: statistics, histogram: bins(c["histogram"]), logHistogram: bins(c["log_histogram"]),
            topValues: top, patterns: values(c["shapes"]))
    }
}
