import Lake

/// Pearson correlation of column pairs over the rows where both are non-null (DuckDB `corr`),
/// streamed: per pair the count and the sums of x, y, x², y², xy. Values are shifted by the
/// column's first non-null value, which keeps the sums well conditioned (NPIs are ~10^9).
final class PearsonAccumulator: BatchTask, @unchecked Sendable {
    struct Sums: Sendable {
        var n = 0.0, x = 0.0, y = 0.0, xx = 0.0, yy = 0.0, xy = 0.0
    }

    /// Batch column index of each numeric column.
    let columns: [Int]
    /// Pairs of positions in `columns` this accumulator owns.
    let pairs: [(Int, Int)]
    private(set) var sums: [Sums]
    private var shift: [Double?]

    init(columns: [Int], pairs: [(Int, Int)]) {
        self.columns = columns
        self.pairs = pairs
        sums = Array(repeating: Sums(), count: pairs.count)
        shift = Array(repeating: nil, count: columns.count)
    }

    /// Rows converted at a time: bounds the scratch arrays whatever the row-group size.
    static let chunkRows = 65_536

    func consume(_ batch: RowGroupBatch) {
        var needed = Set<Int>()
        for (a, b) in pairs { needed.insert(a); needed.insert(b) }
        let used = needed.sorted()
        var start = 0
        while start < batch.rowCount {
            let end = min(batch.rowCount, start + Self.chunkRows)
            accumulate(batch, used, start..<end)
            start = end
        }
    }

    private func accumulate(_ batch: RowGroupBatch, _ used: [Int], _ range: Range<Int>) {
        let n = range.count
        var xs = [[Double]](repeating: [], count: columns.count)
        var ms = [[Double]](repeating: [], count: columns.count)
        for k in used {
            var x = [Double](repeating: 0, count: n)
            var m = [Double](repeating: 0, count: n)
            var s = shift[k]
            batch.columns[columns[k]].forEachNumber(in: range) { i, v in
                if s == nil { s = v }
                x[i - range.lowerBound] = v - s!
                m[i - range.lowerBound] = 1
            }
            shift[k] = s
            xs[k] = x
            ms[k] = m
        }
        for (p, (a, b)) in pairs.enumerated() {
            var acc = sums[p]
            xs[a].withUnsafeBufferPointer { x in
                xs[b].withUnsafeBufferPointer { y in
                    ms[a].withUnsafeBufferPointer { mx in
                        ms[b].withUnsafeBufferPointer { my in
                            var sn = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
                            for i in 0..<n {
                                let w = mx[i] * my[i]
                                let xv = x[i] * my[i], yv = y[i] * mx[i]
                                sn += w
                                sx += xv
                                sy += yv
                                sxx += xv * xv
                                syy += yv * yv
                                sxy += xv * yv
                            }
                            acc.n += sn; acc.x += sx; acc.y += sy; acc.xx += sxx; acc.yy += syy; acc.xy += sxy
                        }
                    }
                }
            }
            sums[p] = acc
        }
    }

    /// r for pair `p`, nil when fewer than two rows or a constant side.
    func correlation(_ p: Int) -> Double? {
        let s = sums[p]
        guard s.n >= 2 else { return nil }
        let cov = s.xy - s.x * s.y / s.n
        let vx = s.xx - s.x * s.x / s.n
        let vy = s.yy - s.y * s.y / s.n
        guard vx > 0, vy > 0 else { return nil }
        return max(-1, min(1, cov / (vx * vy).squareRoot()))
    }
}
