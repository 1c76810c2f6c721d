import Lake

/// Counts of true, false and null in a boolean column.
/// Unchecked, like every `BatchTask`: only its own `consume` mutates it, one batch after another.
final class BooleanCollector: BatchTask, @unchecked Sendable {
    let column: Int
    private(set) var trues = 0
    private(set) var falses = 0
    private(set) var nulls = 0

    init(column: Int) { self.column = column }

    func consume(_ batch: RowGroupBatch) {
        let c = batch.columns[column]
        guard case .boolean(let v) = c.values else { preconditionFailure("boolean collector given another type") }
        for i in 0..<v.count {
            if !(c.validity?[i] ?? true) { nulls += 1 } else if v[i] { trues += 1 } else { falses += 1 }
        }
    }
}
