import Lake

/// Keeps every non-null value of one numeric column as an order-preserving key, for exact
/// quantiles, distinct counts and moments once the column is complete.
final class NumericCollector: BatchTask, @unchecked Sendable {
    let column: Int
    let isInteger: Bool
    private(set) var keys: [UInt64] = []
    private(set) var nulls = 0
    private(set) var nan = 0

    init(column: Int, isInteger: Bool, expectedRows: Int) {
        self.column = column
        self.isInteger = isInteger
        keys.reserveCapacity(expectedRows)
    }

    func consume(_ batch: RowGroupBatch) {
        let c = batch.columns[column]
        let valid = c.validity
        switch c.values {
        case .int32(let v), .date(let v):
            if valid == nil {
                keys.append(contentsOf: v.lazy.map { OrderedKey.key(Int64($0)) })
            } else {
                for i in 0..<v.count { if valid?[i] ?? true { keys.append(OrderedKey.key(Int64(v[i]))) } else { nulls += 1 } }
            }
        case .int64(let v):
            if valid == nil {
                keys.append(contentsOf: v.lazy.map { OrderedKey.key($0) })
            } else {
                for i in 0..<v.count { if valid?[i] ?? true { keys.append(OrderedKey.key(v[i])) } else { nulls += 1 } }
            }
        case .double(let v):
            for i in 0..<v.count {
                if !(valid?[i] ?? true) { nulls += 1 } else if v[i].isNaN { nan += 1 } else { keys.append(OrderedKey.key(v[i])) }
            }
        case .boolean, .string, .dictionary:
            preconditionFailure("numeric collector given a non-numeric column")
        }
    }

    /// Sorts and summarises; the values are released.
    func finish(settings: ProfileSettings) -> NumericSummary {
        var k = keys
        keys = []
        RadixSort.sort(&k)
        return NumericSummary.make(
            sortedKeys: consume k, isInteger: isInteger, nan: nan, bins: settings.histogramBins, logRatio: settings.logHistogramMinRatio)
    }
}
