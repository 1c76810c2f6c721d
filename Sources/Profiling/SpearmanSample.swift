import Lake
import RxCore

/// Spearman correlation: Pearson over average ranks (ties share the mean of their ranks), for
/// each pair ranked among the rows where both are non-null — like pandas `corr("spearman")`.
/// Over every row when the table has at most `maxRows` rows; otherwise over every k-th row
/// (k = ⌈rows / maxRows⌉, rows 0, k, 2k, … in scan order).
/// Unchecked, like every `BatchTask`: only its own `consume` mutates it, one batch after another.
final class SpearmanSample: BatchTask, @unchecked Sendable {
    let columns: [Int]
    let stride: Int
    private var seen = 0
    private(set) var samples: [[Double]]

    /// A pair with fewer sampled rows where both values are present has no coefficient.
    let minPairs: Int

    init(columns: [Int], totalRows: Int, maxRows: Int, minPairs: Int = 2) {
        self.columns = columns
        self.minPairs = minPairs
        stride = max(1, (totalRows + maxRows - 1) / max(1, maxRows))
        samples = Array(repeating: [], count: columns.count)
        for k in columns.indices { samples[k].reserveCapacity(totalRows / stride + 1) }
    }

    var sampledRows: Int { samples.first?.count ?? (seen + stride - 1) / stride }

    func consume(_ batch: RowGroupBatch) {
        let n = batch.rowCount
        let first = (stride - seen % stride) % stride
        for (k, c) in columns.enumerated() {
            let column = batch.columns[c]
            var i = first
            while i < n { samples[k].append(column.numberOrNaN(i)); i += stride }
        }
        seen += n
    }

    /// The matrix over `columns` (nil where undefined), pairs computed on all cores.
    func matrix() -> [[Double?]] {
        let k = columns.count
        let samples = self.samples
        let orders = IndexedSlots<Order>(count: k)
        concurrentForEach(k) { c in
            orders.set(c, Self.order(samples[c]))
        }
        // Where a column's nulls in the sample already cover its partner's, the pair's mask is
        // the column's own: its ranks over all its values serve the pair.
        let valid = samples.map { s in s.map { !$0.isNaN } }
        let fullRanks = IndexedSlots<[Double]>(count: k)
        concurrentForEach(k) { c in
            fullRanks.set(c, Self.ranks(orders.get(c), valid[c], count: samples[c].count))
        }
        let pairs = (0..<k).flatMap { a in ((a + 1)..<k).map { (a, $0) } }
        let minPairs = self.minPairs
        let results = IndexedSlots<Double?>(count: pairs.count)
        concurrentForEach(pairs.count) { p in
            let (a, b) = pairs[p]
            let va = valid[a], vb = valid[b]
            let both = zip(va, vb).map { $0 && $1 }
            let ra = both == va ? fullRanks.get(a) : Self.ranks(orders.get(a), both, count: both.count)
            let rb = both == vb ? fullRanks.get(b) : Self.ranks(orders.get(b), both, count: both.count)
            let complete = both.reduce(0) { $1 ? $0 + 1 : $0 }
            results.set(p, complete >= minPairs ? Self.pearson(ra, rb, both) : nil)
        }
        var out = [[Double?]](repeating: [Double?](repeating: nil, count: k), count: k)
        for a in 0..<k {
            let keys = orders.get(a).keys
            if let first = keys.first, let last = keys.last, first != last { out[a][a] = 1 }
        }
        for (p, (a, b)) in pairs.enumerated() {
            out[a][b] = results.get(p)
            out[b][a] = out[a][b]
        }
        return out
    }

    /// The rows of a column's non-NaN values by value, with their order-preserving keys (equal
    /// keys are equal values).
    struct Order: Sendable {
        var rows: [UInt32]
        var keys: [UInt64]
    }

    /// The rows of the non-NaN values, by value (ties in row order).
    static func order(_ values: [Double]) -> Order {
        var keys = [UInt64](), rows = [UInt32]()
        keys.reserveCapacity(values.count)
        rows.reserveCapacity(values.count)
        for (i, v) in values.enumerated() where !v.isNaN {
            keys.append(OrderedKey.key(v))
            rows.append(UInt32(i))
        }
        RadixSort.sort(&keys, payload: &rows)
        return Order(rows: rows, keys: keys)
    }

    /// Average ranks (1-based) of the rows in `mask` (0 elsewhere) among `count` rows, walking
    /// the column's sorted order.
    static func ranks(_ order: Order, _ mask: [Bool], count: Int) -> [Double] {
        var r = [Double](repeating: 0, count: count)
        var rows = [Int](), keys = [UInt64]()
        rows.reserveCapacity(order.rows.count)
        keys.reserveCapacity(order.rows.count)
        for (j, i) in order.rows.enumerated() where mask[Int(i)] {
            rows.append(Int(i))
            keys.append(order.keys[j])
        }
        r.withUnsafeMutableBufferPointer { r in
            var i = 0
            while i < rows.count {
                var j = i
                while j + 1 < rows.count && keys[j + 1] == keys[i] { j += 1 }
                let average = Double(i + j + 2) / 2
                for t in i...j { r[rows[t]] = average }
                i = j + 1
            }
        }
        return r
    }

    /// Two-pass Pearson over the rows in `mask`; rows outside it add zeros (no branch per row),
    /// summed in four interleaved lanes so the additions do not wait on each other.
    static func pearson(_ x: [Double], _ y: [Double], _ mask: [Bool]) -> Double? {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                mask.withUnsafeBufferPointer { mask in
                    let count = x.count
                    @inline(__always) func lanes(_ p: UnsafeBufferPointer<Double>, _ i: Int) -> SIMD4<Double> {
                        SIMD4(p[i], p[i + 1], p[i + 2], p[i + 3])
                    }
                    @inline(__always) func weights(_ i: Int) -> SIMD4<Double> {
                        SIMD4(mask[i] ? 1 : 0, mask[i + 1] ? 1 : 0, mask[i + 2] ? 1 : 0, mask[i + 3] ? 1 : 0)
                    }
                    var vn = SIMD4<Double>(), vx = SIMD4<Double>(), vy = SIMD4<Double>()
                    var i = 0
                    while i + 4 <= count {
                        let w = weights(i)
                        vn += w; vx += lanes(x, i) * w; vy += lanes(y, i) * w
                        i += 4
                    }
                    var n = vn.sum(), mx = vx.sum(), my = vy.sum()
                    while i < count {
                        let w: Double = mask[i] ? 1 : 0
                        n += w; mx += x[i] * w; my += y[i] * w
                        i += 1
                    }
                    guard n >= 2 else { return nil }
                    mx /= n
                    my /= n
                    var vxy = SIMD4<Double>(), vxx = SIMD4<Double>(), vyy = SIMD4<Double>()
                    let mxv = SIMD4(repeating: mx), myv = SIMD4(repeating: my)
                    i = 0
                    while i + 4 <= count {
                        let w = weights(i)
                        let dx = (lanes(x, i) - mxv) * w, dy = (lanes(y, i) - myv) * w
                        vxy += dx * dy; vxx += dx * dx; vyy += dy * dy
                        i += 4
                    }
                    var sxy = vxy.sum(), sxx = vxx.sum(), syy = vyy.sum()
                    while i < count {
                        let w: Double = mask[i] ? 1 : 0
                        let dx = (x[i] - mx) * w, dy = (y[i] - my) * w
                        sxy += dx * dy; sxx += dx * dx; syy += dy * dy
                        i += 1
                    }
                    guard sxx > 0, syy > 0 else { return nil }
                    return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
                }
            }
        }
    }
}
