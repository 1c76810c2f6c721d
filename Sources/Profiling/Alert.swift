/// A warning about a column or a pair of columns, in the spirit of ydata-profiling.
public struct Alert: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case constant, unique
        case highCardinality = "high_cardinality"
        case highMissing = "high_missing"
        case highlyCorrelated = "highly_correlated"
        case skewed
        case manyZeros = "many_zeros"
        case imbalance
        case suppressedShare = "suppressed_share"
    }

    public var kind: Kind
    public var columns: [String]
    /// The measured value (share, count, coefficient) the threshold was compared with.
    public var value: Double
    public var threshold: Double?
    /// For correlations: "pearson" or "spearman".
    public var measure: String?

    /// Every alert the settings raise, column by column in table order, then correlated pairs.
    ///
    /// A table below `minRows` rows gets none: three yearly rows cannot be skewed, correlated or
    /// imbalanced in any sense worth a warning. Above it, the alerts about a distribution need
    /// `minRows` values in the column, and each alert applies only to the semantic types it
    /// makes sense for: `unique` to codes and text (an identifier is meant to be unique, a
    /// continuous measure usually is), `high_cardinality` to text (a code list such as the states is long by design), `skewed` and
    /// `many_zeros` to measures; correlations are among measures only.
    public static func evaluate(_ p: TableProfile, _ s: ProfileSettings) -> [Alert] {
        var out = [Alert]()
        guard !p.belowMinRows else { return out }
        for c in p.columns {
            let count = Double(c.count)
            let enough = c.count >= s.minRows
            let labels = c.semantic == .code || c.semantic == .text
            if c.count > 0 && c.distinct == 1 {
                out.append(Alert(kind: .constant, columns: [c.name], value: 1, threshold: nil))
            }
            if enough && labels && c.count > 1 && c.distinctExact && Double(c.distinct) / count >= s.uniqueShare {
                out.append(Alert(kind: .unique, columns: [c.name], value: Double(c.distinct) / count, threshold: s.uniqueShare))
            }
            if c.semantic == .text && c.kind == .string && c.distinct > s.highCardinalityDistinct && !(c.distinctExact && c.distinct == c.count) {
                out.append(Alert(kind: .highCardinality, columns: [c.name], value: Double(c.distinct), threshold: Double(s.highCardinalityDistinct)))
            }
            if let share = c.nullShare, share > s.highMissingShare {
                out.append(Alert(kind: .highMissing, columns: [c.name], value: share, threshold: s.highMissingShare))
            }
            if enough, c.semantic == .measure, let skew = c.numeric?.skewness, abs(skew) > s.skewnessThreshold {
                out.append(Alert(kind: .skewed, columns: [c.name], value: skew, threshold: s.skewnessThreshold))
            }
            if enough, c.semantic == .measure, let n = c.numeric, n.count > 0, Double(n.zeros) / Double(n.count) > s.zerosShare {
                out.append(Alert(kind: .manyZeros, columns: [c.name], value: Double(n.zeros) / Double(n.count), threshold: s.zerosShare))
            }
            if enough, let imbalance = c.imbalance, imbalance > s.imbalanceThreshold {
                out.append(Alert(kind: .imbalance, columns: [c.name], value: imbalance, threshold: s.imbalanceThreshold))
            }
            if let share = c.suppressedShare, share >= s.suppressedShare {
                out.append(Alert(kind: .suppressedShare, columns: [c.name], value: share, threshold: s.suppressedShare))
            }
        }
        let names = p.correlationColumns
        for a in names.indices {
            for b in names.indices where b > a {
                for (measure, matrix) in [("pearson", p.pearson), ("spearman", p.spearman)] {
                    if let r = matrix[a][b], abs(r) > s.correlationThreshold {
                        out.append(Alert(kind: .highlyCorrelated, columns: [names[a], names[b]], value: r,
                                         threshold: s.correlationThreshold, measure: measure))
                    }
                }
            }
        }
        return out
    }

    init(kind: Kind, columns: [String], value: Double, threshold: Double?, measure: String? = nil) {
        self.kind = kind
        self.columns = columns
        self.value = value
        self.threshold = threshold
        self.measure = measure
    }
}
