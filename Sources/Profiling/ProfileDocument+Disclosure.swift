import Disclosure

/// A table profile as the public may see it: the lake keeps the full profile for the operator
/// (`rxpipe lake`), the site gets this one.
///
/// - Small-count columns (beneficiaries, a row's claims): no minimum, maximum or quantile below
///   the threshold (null, and named in the column's `suppressed`), histogram bins below it merged
///   into one bin from 0, no log histogram that starts below it, no listed value below it, no
///   zero or negative counts; beneficiary columns also lose their sum and mean (mean × count is
///   the sum).
/// - CMS-flagged 65+ columns of the raw and quarantine zones (rows there may still carry values
///   CMS suppressed): no extremes and no listed values.
/// - When pseudonymising: real NPIs (raw and quarantine zones), names and source locations keep
///   only counts and value shapes.
extension ProfileDocument {
    public func redacted(by policy: DisclosurePolicy) -> ProfileDocument {
        var out = self
        let rowLevel = zone == "raw" || zone == "quarantine"
        out.columnProfiles = columnProfiles.map { $0.redacted(by: policy, rowLevel: rowLevel) }
        out.disclosure = Disclosure(suppressBelow: policy.suppressBelow, pseudonymized: policy.pseudonymized)
        return out
    }
}

extension ColumnDocument {
    func redacted(by policy: DisclosurePolicy, rowLevel: Bool) -> ColumnDocument {
        var c = self
        let kind = ColumnSensitivity.of(name)
        if !policy.mayShowValues(of: kind) && (rowLevel || !kind.contains(.identifier)) {
            c.withholdValues()
            if kind.contains(.sourceLocation) { c.shapes = nil }
            return c
        }
        if kind.contains(.flagGoverned) && rowLevel {
            (c.min, c.max, c.topValues, c.valueCounts) = (nil, nil, nil, nil)
        }
        if !kind.isDisjoint(with: .smallCounts) {
            c.suppressSmallValues(below: Double(policy.suppressBelow), beneficiaries: kind.contains(.beneficiaryCount))
        }
        return c
    }

    /// Everything that states a value of the column rather than counting them.
    mutating func withholdValues() {
        (min, max, sum, mean, std, skewness) = (nil, nil, nil, nil, nil, nil)
        (quantiles, iqr, iqrOutliers, histogram, logHistogram) = (nil, nil, nil, nil, nil)
        (topValues, valueCounts, zeros, negatives) = (nil, nil, nil, nil)
    }

    mutating func suppressSmallValues(below t: Double, beneficiaries: Bool) {
        var suppressed: [String] = []
        (zeros, negatives) = (nil, nil)
        if beneficiaries { (sum, mean) = (nil, nil) }
        if let value = min ?? nil, value.asDouble < t { min = .some(nil); suppressed.append("min") }
        if let value = max ?? nil, value.asDouble < t { max = .some(nil); suppressed.append("max") }
        if var q = quantiles {
            for level in Quantiles.levels {
                if let v = q[level: level], v < t { q[level: level] = nil; suppressed.append(level) }
            }
            if q.p25 == nil || q.p75 == nil { iqr = nil }
            quantiles = q
        }
        if let h = histogram ?? nil { histogram = .some(h.mergedBelow(t)) }
        if let h = logHistogram ?? nil, let first = h.edges.first, first < t { logHistogram = .some(nil) }
        func atLeastThreshold(_ entry: ValueCountDocument) -> Bool { Double(entry.value).map { $0 >= t } ?? false }
        topValues = topValues?.filter(atLeastThreshold)
        valueCounts = valueCounts?.filter(atLeastThreshold)
        if !suppressed.isEmpty { self.suppressed = suppressed }
    }
}

extension ColumnDocument.Histogram {
    /// Bins whose lower edge is below the threshold become one bin from 0 to the first edge at
    /// or above it (or to the threshold when every edge is below it): the shape stays, no small
    /// value is pinned down.
    func mergedBelow(_ t: Double) -> ColumnDocument.Histogram {
        guard edges.count == counts.count + 1, let first = edges.first, first < t else { return self }
        guard let k = edges.firstIndex(where: { $0 >= t }) else {
            return .init(edges: [0, t], counts: [counts.reduce(0, +)])
        }
        return .init(edges: [0] + Array(edges[k...]), counts: [counts[0..<k].reduce(0, +)] + Array(counts[k...]))
    }
}
