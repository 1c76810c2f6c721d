/// The statistics of a numeric column that is not a measure (an identifier, code, period or
/// flag stored as numbers): its values are labels, so they are counted, shaped and checked,
/// never summed, averaged or binned.
public struct NumericCategories: Sendable, Equatable {
    /// Values listed at most in `valueCounts`.
    public static let maxValueCounts = 1000

    /// Values with their counts (codes, periods and flags): periods in value order, the others
    /// count descending then value ascending; at most `maxValueCounts` of them.
    public var valueCounts: [StringSummary.Count]?
    /// False when the column had more than `maxValueCounts` distinct values.
    public var valueCountsComplete: Bool
    /// The 10 most frequent digit shapes (identifiers): `9999999999` for a 10-digit number.
    public var shapes: [StringSummary.Count]
    public var validity: NPIValidity?

    /// Computes the statistics `semantic` calls for from the sorted keys of an integer or
    /// double column.
    static func make<K: SortedKeys>(_ keys: K, isInteger: Bool, semantic: SemanticType, checkNPI: Bool) -> NumericCategories {
        var out = NumericCategories(valueCounts: nil, valueCountsComplete: true, shapes: [], validity: nil)
        func text(_ key: UInt64) -> String {
            isInteger ? String(OrderedKey.int(key)) : String(OrderedKey.double(key))
        }
        if semantic == .identifier {
            var shapes = [Int: Int]()  // digits, negative when the value is
            var validity = checkNPI ? NPIValidity() : nil
            keys.forEachRun { key, count in
                guard isInteger else { return }
                let v = OrderedKey.int(key)
                let digits = v == Int64.min ? 19 : String(abs(v)).utf8.count
                shapes[v < 0 ? -digits : digits, default: 0] += count
                if validity != nil {
                    if v >= Int64(1) << 61 {
                        validity!.pseudonyms += count
                    } else {
                        validity!.checked += count
                        if NPIValidity.isValid(v) { validity!.valid += count }
                    }
                }
            }
            out.shapes = StringSummary.rank(shapes.map {
                StringSummary.Count(value: ($0.key < 0 ? "-" : "") + String(repeating: "9", count: abs($0.key)), count: $0.value)
            }).prefix(StringSummary.shapeCount).map { $0 }
            out.validity = validity
            return out
        }
        var counts = [StringSummary.Count]()
        keys.forEachRun { key, count in counts.append(.init(value: text(key), count: count)) }
        out.valueCountsComplete = counts.count <= Self.maxValueCounts
        out.valueCounts = Array((semantic == .period ? counts : StringSummary.rank(counts)).prefix(Self.maxValueCounts))
        return out
    }
}
