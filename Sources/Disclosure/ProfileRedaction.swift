import Foundation

/// A table profile (docs/profile-schema.md) as the public may see it: the lake keeps the full
/// profile for the operator (`rxpipe lake`), the site gets this one.
///
/// - Small-count columns (beneficiaries, a row's claims): no minimum, maximum or quantile below
///   the threshold, histogram bins below it merged into one bin from 0, no log histogram that
///   starts below it, no listed value below it, no zero or negative counts; beneficiary columns
///   also lose their sum and mean (mean × count is the sum).
/// - CMS-flagged 65+ columns of the raw and quarantine zones (rows there may still carry values
///   CMS suppressed): no extremes and no listed values.
/// - When pseudonymising: real NPIs (raw and quarantine zones), names and source locations keep
///   only counts and value shapes.
public struct ProfileRedaction: Sendable {
    public let policy: DisclosurePolicy

    public init(policy: DisclosurePolicy) { self.policy = policy }

    /// The redacted profile object; `zone` is the profiled table's zone.
    public func redact(_ profile: [String: Any], zone: String) -> [String: Any] {
        var out = profile
        guard let columns = profile["column_profiles"] as? [Any] else { return out }
        out["column_profiles"] = columns.map { any -> Any in
            guard let column = any as? [String: Any], let name = column["name"] as? String else { return any }
            return redactColumn(column, kind: ColumnSensitivity.of(name), zone: zone)
        }
        out["disclosure"] = ["suppress_below": policy.suppressBelow, "pseudonymized": policy.pseudonymized] as [String: Any]
        return out
    }

    func redactColumn(_ column: [String: Any], kind: ColumnSensitivity, zone: String) -> [String: Any] {
        var c = column
        let rowLevel = zone == "raw" || zone == "quarantine"
        if !policy.mayShowValues(of: kind) && (rowLevel || !kind.contains(.identifier)) {
            for key in Self.valueKeys { c[key] = nil }
            if kind.contains(.sourceLocation) { c["shapes"] = nil }
            return c
        }
        if kind.contains(.flagGoverned) && rowLevel {
            for key in ["min", "max", "top_values", "value_counts"] { c[key] = nil }
        }
        if !kind.isDisjoint(with: .smallCounts) {
            c = withoutSmallValues(c, kind: kind)
        }
        return c
    }

    func withoutSmallValues(_ column: [String: Any], kind: ColumnSensitivity) -> [String: Any] {
        var c = column
        let t = Double(policy.suppressBelow)
        func small(_ any: Any?) -> Bool { (any as? NSNumber).map { $0.doubleValue < t } ?? false }
        for key in ["zeros", "negatives"] { c[key] = nil }
        if kind.contains(.beneficiaryCount) { c["sum"] = nil; c["mean"] = nil }
        for key in ["min", "max"] where small(c[key]) { c[key] = NSNull() }
        if var q = c["quantiles"] as? [String: Any] {
            for (key, value) in q where key != "method" && small(value) { q[key] = NSNull() }
            if q["p25"] is NSNull || q["p75"] is NSNull { c["iqr"] = nil }
            c["quantiles"] = q
        }
        if let h = c["histogram"] as? [String: Any] { c["histogram"] = mergedBelowThreshold(h) }
        if let h = c["log_histogram"] as? [String: Any], let first = (h["edges"] as? [Any])?.first, small(first) {
            c["log_histogram"] = NSNull()
        }
        for key in ["top_values", "value_counts"] {
            guard let values = c[key] as? [Any] else { continue }
            c[key] = values.filter { entry in
                guard let v = (entry as? [String: Any])?["value"] else { return false }
                let number = (v as? NSNumber)?.doubleValue ?? (v as? String).flatMap { Double($0) }
                return number.map { $0 >= t } ?? false
            }
        }
        return c
    }

    /// Bins whose lower edge is below the threshold become one bin from 0 to the first edge at
    /// or above it (or to the threshold when every edge is below it): the shape stays, no small
    /// value is pinned down.
    func mergedBelowThreshold(_ histogram: [String: Any]) -> [String: Any] {
        guard let edges = (histogram["edges"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.doubleValue }),
            let counts = (histogram["counts"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.doubleValue }),
            edges.count == counts.count + 1, let first = edges.first
        else { return histogram }
        let t = Double(policy.suppressBelow)
        guard first < t else { return histogram }
        var out = histogram
        if let k = edges.firstIndex(where: { $0 >= t }) {
            out["edges"] = [0.0] + Array(edges[k...])
            out["counts"] = ([counts[0..<k].reduce(0, +)] + Array(counts[k...])).map(Self.count)
        } else {
            out["edges"] = [0.0, t]
            out["counts"] = [Self.count(counts.reduce(0, +))]
        }
        return out
    }

    /// Counts stay integers in the JSON.
    static func count(_ value: Double) -> NSNumber { NSNumber(value: Int(value)) }

    /// Everything that states a value of the column rather than counting them.
    static let valueKeys = [
        "min", "max", "sum", "mean", "std", "skewness", "quantiles", "iqr", "iqr_outliers", "histogram", "log_histogram",
        "top_values", "value_counts", "zeros", "negatives",
    ]
}
