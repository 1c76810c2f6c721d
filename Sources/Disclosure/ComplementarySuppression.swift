/// Complementary (secondary) suppression for one published total and its parts.
///
/// A part hidden by the primary rule (a count from 1 to threshold − 1) can be recovered by
/// subtraction when the total and every other part are shown. The rule, as CMS applies it with
/// its `#` flag: among the parts of a shown total, the hidden ones must (a) not be a single
/// sensitive cell and (b) add up to at least the threshold, so a reader learns only a range. While
/// either fails, the smallest visible part is hidden too. A part that is never published (the
/// under-65 remainder of a row) counts as hidden from the start.
public enum ComplementarySuppression {
    /// Which parts end up hidden. `parts` are the true values; `hidden` marks parts already hidden
    /// (primary suppression, or never published). A total that is not shown protects nothing and
    /// needs nothing: then only the primary rule applies.
    public static func hiddenParts(total: Double?, parts: [Double], hidden: [Bool], threshold: Int) -> [Bool] {
        precondition(parts.count == hidden.count, "one hidden mark per part")
        let t = Double(threshold)
        func sensitive(_ v: Double) -> Bool { v > 0 && v < t }
        var out = zip(parts, hidden).map { $1 || sensitive($0) }
        guard total != nil else { return out }
        while true {
            let hiddenIndices = out.indices.filter { out[$0] }
            guard hiddenIndices.contains(where: { sensitive(parts[$0]) }) else { return out }
            let hiddenSum = hiddenIndices.reduce(0) { $0 + parts[$1] }
            let exposed = hiddenIndices.count == 1 || sensitive(hiddenSum)
            guard exposed else { return out }
            // The smallest visible part; ties by position, so the outcome is deterministic.
            guard let next = out.indices.filter({ !out[$0] }).min(by: { (parts[$0], $0) < (parts[$1], $1) }) else { return out }
            out[next] = true
        }
    }
}
