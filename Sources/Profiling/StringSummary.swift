/// Statistics of one string column.
public struct StringSummary: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var value: String
        public var count: Int
    }

    /// Non-null values.
    public var count: Int
    public var empty: Int
    public var distinct: Int
    /// False when the distinct count is a HyperLogLog estimate.
    public var distinctExact: Bool
    public var minLength: Int?
    public var maxLength: Int?
    public var meanLength: Double?
    /// Most frequent values, count descending then value (UTF-8 bytes) ascending; exact counts.
    public var topValues: [Count]
    /// False when the budget filled: values first seen afterwards could not be ranked.
    public var topValuesComplete: Bool
    /// Every value with its count when the column is a flag (few distinct values).
    public var valueCounts: [Count]?
    public var shapes: [Count]
    /// Occurrences whose shape was not tracked (more than `StringCollector.maxShapes` shapes).
    public var otherShapes: Int

    static let topCount = 10
    static let shapeCount = 10

    static func make(_ c: StringCollector, flagMaxDistinct: Int) -> StringSummary {
        let tracked = c.counts.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var running = RunningStrings()
        for (value, n) in tracked { running.add(value, length: value.unicodeScalars.count, count: n) }
        let u = c.untracked
        running.count += u.count
        running.empty += u.empty
        running.minLength = min(running.minLength, u.minLength)
        running.maxLength = max(running.maxLength, u.maxLength)
        running.totalLength += u.totalLength
        running.otherShapes += u.otherShapes
        for (shape, n) in u.shapes.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            if let e = running.shapes[shape] {
                running.shapes[shape] = e + n
            } else if running.shapes.count < StringCollector.maxShapes {
                running.shapes[shape] = n
            } else {
                running.otherShapes += n
            }
        }
        let ranked = rank(tracked.map { Count(value: $0.key, count: $0.value) })
        let distinct = c.overflowed ? c.hll.estimate : tracked.count
        let isFlag = !c.overflowed && distinct <= flagMaxDistinct
        let n = running.count
        return StringSummary(
            count: n, empty: running.empty, distinct: distinct, distinctExact: !c.overflowed,
            minLength: n > 0 ? running.minLength : nil, maxLength: n > 0 ? running.maxLength : nil,
            meanLength: n > 0 ? Double(running.totalLength) / Double(n) : nil,
            topValues: Array(ranked.prefix(topCount)), topValuesComplete: !c.overflowed,
            valueCounts: isFlag ? ranked : nil,
            shapes: Array(rank(running.shapes.map { Count(value: $0.key, count: $0.value) }).prefix(shapeCount)),
            otherShapes: running.otherShapes)
    }

    /// Count descending, then value by UTF-8 bytes ascending.
    static func rank(_ counts: [Count]) -> [Count] {
        counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }
    }
}
