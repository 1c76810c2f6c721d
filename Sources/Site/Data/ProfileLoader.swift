import Curated
import Disclosure
import Foundation
import Profiling

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
        let document: ProfileDocument
        do {
            document = try ProfileDocument.decode(bytes, path: path).redacted(by: policy)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        guard let publicJSON = try? document.encoded() else {
            throw .unreadable(path: path, reason: "the redacted profile could not be written as JSON")
        }
        let alerts = document.alerts.map { a in
            var message = "value " + Format.decimal(a.value, 3)
            if let t = a.threshold { message += ", threshold " + Format.decimal(t, 3) }
            if let m = a.measure { message += " (\(m))" }
            return TableProfile.Alert(kind: a.type, columns: a.columns, message: message)
        }
        let corr = document.correlations
        return TableProfile(
            zone: zone, table: table, rows: document.rows, sizeBytes: document.sizeBytes,
            duplicateRows: document.duplicateRows, missingCellsShare: document.missingCellsShare ?? 0,
            columns: document.columnProfiles.map { column($0, policy: policy) }, alerts: alerts,
            belowMinRows: document.belowMinRows, minRows: document.settings.minRows, correlationNote: corr.note,
            correlationLabels: corr.columns, pearson: corr.pearson.map { $0.map { $0 ?? .nan } },
            spearman: corr.spearman.map { $0.map { $0 ?? .nan } }, json: publicJSON)
    }

    static func column(_ c: ColumnDocument, policy: DisclosurePolicy) -> TableProfile.Column {
        func bins(_ h: ColumnDocument.Histogram??) -> [TableProfile.Bin] {
            guard let h = h ?? nil, h.edges.count == h.counts.count + 1 else { return [] }
            return h.counts.indices.map { TableProfile.Bin(lower: h.edges[$0], upper: h.edges[$0 + 1], count: Double(h.counts[$0])) }
        }
        func values(_ list: [ValueCountDocument]?) -> [TableProfile.TopValue] {
            (list ?? []).map { TableProfile.TopValue(value: $0.value, count: $0.count, share: $0.share ?? 0) }
        }
        // A period is a label: "2021", never "2,021".
        func text(_ v: Double, integral: Bool) -> String {
            c.semanticType == "period" ? String(Int(v)) : integral ? Format.count(v) : Format.decimal(v, 2)
        }
        let below = "below \(policy.suppressBelow) (suppressed)"
        let suppressed = Set(c.suppressed ?? [])
        let integral = ["int32", "int64", "date"].contains(c.type)
        var statistics: [(String, String)] = []
        func add(_ label: String, _ key: String, _ value: Double??, integralValue: Bool = false, isCount: Bool = false) {
            if suppressed.contains(key) { statistics.append((label, below)); return }
            guard let v = value ?? nil else { return }
            statistics.append((label, isCount ? Format.count(v) : text(v, integral: integralValue)))
        }
        add("Minimum", "min", c.min.map { $0?.asDouble }, integralValue: integral)
        add("Maximum", "max", c.max.map { $0?.asDouble }, integralValue: integral)
        add("Mean", "mean", c.mean)
        add("Standard deviation", "std", c.std)
        add("Sum", "sum", c.sum.map { $0?.asDouble }, integralValue: integral)
        add("Skewness", "skewness", c.skewness)
        add("Zeros", "zeros", c.zeros.map(Double.init), isCount: true)
        add("Negatives", "negatives", c.negatives.map(Double.init), isCount: true)
        add("Interquartile range", "iqr", c.iqr)
        add("IQR outliers", "iqr_outliers", c.iqrOutliers.map(Double.init), isCount: true)
        // An integer column has no NaN: a row of zeros says nothing.
        if let nan = c.nan, nan > 0 || ["double", "float"].contains(c.type) { add("NaN values", "nan", Double(nan), isCount: true) }
        if let q = c.quantiles {
            for level in ColumnDocument.Quantiles.levels {
                add(level.uppercased() + " (exact)", level, q[level: level])
            }
        }
        if let length = c.length {
            if let v = length.min { statistics.append(("Shortest", Format.decimal(Double(v), 0))) }
            if let v = length.mean { statistics.append(("Mean length", Format.decimal(v, 1))) }
            if let v = length.max { statistics.append(("Longest", Format.decimal(Double(v), 0))) }
        }
        if let validity = c.validity {
            if let share = validity.validShare { statistics.append(("Valid NPIs (Luhn check digit)", Format.percent(share, precision: 2))) }
            if validity.pseudonyms > 0 { statistics.append(("Pseudonyms (not checked)", Format.count(Double(validity.pseudonyms)))) }
        }
        if let empty = c.empty { statistics.append(("Empty strings", Format.count(Double(empty)))) }
        if let imbalance = c.imbalance { statistics.append(("Imbalance", Format.decimal(imbalance, 3))) }
        if let share = c.suppressedShare { statistics.append(("Suppressed share", Format.percent(share, precision: 2))) }
        let kind = ColumnSensitivity.of(c.name)
        if kind.contains(.beneficiaryCount) {
            statistics.append(("Disclosure", "beneficiary counts are never summed or averaged; values below \(policy.suppressBelow) are not shown"))
        } else if c.min == nil, !policy.mayShowValues(of: kind) {
            statistics.append(("Disclosure", "values withheld: the data is pseudonymised"))
        }
        let top = values(c.valueCounts).isEmpty ? values(c.topValues) : values(c.valueCounts)
        return TableProfile.Column(
            name: c.name, type: c.type, semanticType: c.semanticType, count: c.count, nulls: c.nulls, distinct: c.distinct.value,
            distinctNote: c.distinct.exact ? "exact" : "HyperLogLog, relative error \(Format.percent(c.distinct.relativeError ?? 0, precision: 2))",
            statistics: statistics, histogram: bins(c.histogram), logHistogram: bins(c.logHistogram),
            topValues: top, patterns: values(c.shapes))
    }
}
