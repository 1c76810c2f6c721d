import Lake
#if canImport(Glibc)
import Glibc
#endif

/// Pearson correlation of column pairs over the rows where both are non-null (DuckDB `corr`),
/// streamed: per pair the count and the sums of x, y, x², y², xy. Values are shifted by the
/// column's first non-null value, which keeps the sums well conditioned (NPIs are ~10^9).
///
/// Rows are taken in chunks small enough that every used column's values stay in cache. Null
/// (and NaN) values are stored as 0 with mask 0, so a column's own Σx and Σx² (computed once per
/// column and chunk) are its sums over its valid rows. In a chunk where both columns of a pair
/// have the same valid rows (none null, or the same null pattern, as the CMS GE65 columns
/// share), the pair's count and single sums are the columns' own and only Σxy is a per-pair
/// loop; where one side has no nulls, that side's sums are masked by the other's (three sums);
/// other pairs take all six masked sums. The loops keep independent SIMD accumulators, so they are not bound by
/// the latency of one addition chain. Summation order depends only on the batches, so the
/// result is the same from run to run.
///
/// Work is split over accumulators by chunk: with `parts` accumulators, accumulator `part` takes
/// the chunks `part`, `part + parts`, … of every batch, so each value is converted once; all
/// shift by the same value (the first non-null in scan order), and `correlation(_:_:)` adds
/// their sums in part order.
/// Unchecked: each part's sums are written by that part's worker only; `correlation` reads after all joined.
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
    /// Positions in `columns` that some pair uses.
    private let used: [Int]
    let part: Int
    let parts: Int

    init(columns: [Int], pairs: [(Int, Int)], part: Int = 0, parts: Int = 1) {
        precondition(parts >= 1 && (0..<parts).contains(part), "part must be one of the parts")
        self.columns = columns
        self.pairs = pairs
        self.part = part
        self.parts = parts
        sums = Array(repeating: Sums(), count: pairs.count)
        shift = Array(repeating: nil, count: columns.count)
        var needed = Set<Int>()
        for (a, b) in pairs { needed.insert(a); needed.insert(b) }
        used = needed.sorted()
    }

    /// Rows converted at a time: 4096 doubles per column (values and mask) stay in the L2 cache.
    static let chunkRows = 4096

    func consume(_ batch: RowGroupBatch) {
        if used.isEmpty { return }
        let chunk = Self.chunkRows
        let width = columns.count
        var xs = [Double](repeating: 0, count: width * chunk)
        var ms = [Double](repeating: 0, count: width * chunk)
        var valid = [Int](repeating: 0, count: width)
        var colX = [Double](repeating: 0, count: width)
        var colXX = [Double](repeating: 0, count: width)
        for k in used where shift[k] == nil {
            batch.columns[columns[k]].forEachNumber { _, v in if shift[k] == nil { shift[k] = v } }
        }
        var group = [Int](repeating: 0, count: width)
        var start = part * chunk
        while start < batch.rowCount {
            let end = min(batch.rowCount, start + chunk)
            let n = end - start
            xs.withUnsafeMutableBufferPointer { xb in
                ms.withUnsafeMutableBufferPointer { mb in
                    func values(_ k: Int) -> UnsafePointer<Double> { UnsafePointer(xb.baseAddress! + k * chunk) }
                    func mask(_ k: Int) -> UnsafePointer<Double> { UnsafePointer(mb.baseAddress! + k * chunk) }
                    for k in used {
                        let x = xb.baseAddress! + k * chunk, m = mb.baseAddress! + k * chunk
                        valid[k] = fill(batch.columns[columns[k]], k, start..<end, x, m)
                        (colX[k], colXX[k]) = Self.sum2(x, n)
                        // Columns with the same valid rows in this chunk share a group.
                        group[k] = k
                        if valid[k] > 0 && valid[k] < n {
                            for j in used where j < k && valid[j] == valid[k] && group[j] == j {
                                if memcmp(mask(j), mask(k), n * MemoryLayout<Double>.stride) == 0 { group[k] = j; break }
                            }
                        }
                    }
                    for p in pairs.indices {
                        let (a, b) = pairs[p]
                        let xa = values(a), xbp = values(b)
                        if valid[a] == 0 || valid[b] == 0 { continue }
                        if (valid[a] == n && valid[b] == n) || group[a] == group[b] {
                            sums[p].n += Double(valid[a])
                            sums[p].x += colX[a]
                            sums[p].y += colX[b]
                            sums[p].xx += colXX[a]
                            sums[p].yy += colXX[b]
                            sums[p].xy += Self.dot(xa, xbp, n)
                        } else if valid[a] == n {
                            let s = Self.halfMasked(xa, mask(b), xbp, n)
                            sums[p].n += Double(valid[b])
                            sums[p].x += s.x
                            sums[p].y += colX[b]
                            sums[p].xx += s.xx
                            sums[p].yy += colXX[b]
                            sums[p].xy += s.xy
                        } else if valid[b] == n {
                            let s = Self.halfMasked(xbp, mask(a), xa, n)
                            sums[p].n += Double(valid[a])
                            sums[p].x += colX[a]
                            sums[p].y += s.x
                            sums[p].xx += colXX[a]
                            sums[p].yy += s.xx
                            sums[p].xy += s.xy
                        } else {
                            let s = Self.masked(xa, xbp, mask(a), mask(b), n)
                            sums[p].n += s.n
                            sums[p].x += s.x
                            sums[p].y += s.y
                            sums[p].xx += s.xx
                            sums[p].yy += s.yy
                            sums[p].xy += s.xy
                        }
                    }
                }
            }
            start += parts * chunk
        }
    }

    /// Writes the shifted values of `rows` (0 for null and NaN) and their mask (1 or 0);
    /// returns the number of valid rows.
    private func fill(
        _ column: ColumnVector, _ k: Int, _ rows: Range<Int>, _ x: UnsafeMutablePointer<Double>, _ m: UnsafeMutablePointer<Double>
    ) -> Int {
        let s = shift[k] ?? 0
        let lower = rows.lowerBound, n = rows.count
        let valid = column.validity
        func typed<T>(_ values: [T], _ convert: (T) -> Double) -> Int {
            var count = 0
            values.withUnsafeBufferPointer { v in
                if let valid {
                    valid.withUnsafeBufferPointer { ok in
                        for i in 0..<n {
                            let d = convert(v[lower + i])
                            let use = ok[lower + i] && !d.isNaN
                            x[i] = use ? d - s : 0
                            m[i] = use ? 1 : 0
                            count += use ? 1 : 0
                        }
                    }
                } else {
                    for i in 0..<n {
                        let d = convert(v[lower + i])
                        let use = !d.isNaN
                        x[i] = use ? d - s : 0
                        m[i] = use ? 1 : 0
                        count += use ? 1 : 0
                    }
                }
            }
            return count
        }
        switch column.values {
        case .int32(let v), .date(let v): return typed(v) { Double($0) }
        case .int64(let v), .timestamp(let v): return typed(v) { Double($0) }
        case .double(let v): return typed(v) { $0 }
        case .decimal(let v): return typed(v) { Cents.double($0) }
        case .boolean, .string, .dictionary:
            for i in 0..<n { x[i] = 0; m[i] = 0 }
            return 0
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// Σx and Σx² of `n` values.
    static func sum2(_ x: UnsafePointer<Double>, _ n: Int) -> (Double, Double) {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), q0 = SIMD4<Double>(), q1 = SIMD4<Double>()
        var i = 0
        while i + 8 <= n {
            let a = load(x, i), b = load(x, i + 4)
            s0 += a; s1 += b
            q0 += a * a; q1 += b * b
            i += 8
        }
        var s = (s0 + s1).sum(), q = (q0 + q1).sum()
        while i < n { s += x[i]; q += x[i] * x[i]; i += 1 }
        return (s, q)
    }

    /// Σxy of `n` values.
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var i = 0
        while i + 8 <= n {
            s0 += load(x, i) * load(y, i)
            s1 += load(x, i + 4) * load(y, i + 4)
            i += 8
        }
        var s = (s0 + s1).sum()
        while i < n { s += x[i] * y[i]; i += 1 }
        return s
    }

    /// For a column `x` without nulls and a column `y` with mask `my` (0 where `y` is null, and
    /// `y` 0 there): Σx, Σx² over the rows where `y` is valid, and Σxy (in `x`, `xx`, `xy`).
    static func halfMasked(
        _ x: UnsafePointer<Double>, _ my: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int
    ) -> Sums {
        var sx = SIMD4<Double>(), sxx = SIMD4<Double>(), sxy = SIMD4<Double>()
        var i = 0
        while i + 4 <= n {
            let xv = load(x, i) * load(my, i)
            sx += xv
            sxx += xv * xv
            sxy += xv * load(y, i)
            i += 4
        }
        var s = Sums(n: 0, x: sx.sum(), y: 0, xx: sxx.sum(), yy: 0, xy: sxy.sum())
        while i < n {
            let xv = x[i] * my[i]
            s.x += xv; s.xx += xv * xv; s.xy += xv * y[i]
            i += 1
        }
        return s
    }

    /// The six sums over the rows where both masks are 1 (values are 0 where their mask is 0).
    static func masked(
        _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ mx: UnsafePointer<Double>, _ my: UnsafePointer<Double>, _ n: Int
    ) -> Sums {
        var sn = SIMD4<Double>(), sx = SIMD4<Double>(), sy = SIMD4<Double>()
        var sxx = SIMD4<Double>(), syy = SIMD4<Double>(), sxy = SIMD4<Double>()
        var i = 0
        while i + 4 <= n {
            let a = load(mx, i), b = load(my, i)
            let xv = load(x, i) * b, yv = load(y, i) * a
            sn += a * b
            sx += xv
            sy += yv
            sxx += xv * xv
            syy += yv * yv
            sxy += xv * yv
            i += 4
        }
        var s = Sums(n: sn.sum(), x: sx.sum(), y: sy.sum(), xx: sxx.sum(), yy: syy.sum(), xy: sxy.sum())
        while i < n {
            let w = mx[i] * my[i], xv = x[i] * my[i], yv = y[i] * mx[i]
            s.n += w; s.x += xv; s.y += yv; s.xx += xv * xv; s.yy += yv * yv; s.xy += xv * yv
            i += 1
        }
        return s
    }

    /// r for pair `p`, nil when fewer than two rows or a constant side.
    func correlation(_ p: Int) -> Double? { Self.correlation(sums[p]) }

    /// r for pair `p` over the parts (one accumulator per part, in part order).
    /// The pair's r over all parts; nil below `minPairs` rows where both values are present.
    static func correlation(_ parts: [PearsonAccumulator], _ p: Int, minPairs: Int = 2) -> Double? {
        var s = Sums()
        for a in parts {
            let t = a.sums[p]
            s.n += t.n; s.x += t.x; s.y += t.y; s.xx += t.xx; s.yy += t.yy; s.xy += t.xy
        }
        return s.n >= Double(minPairs) ? correlation(s) : nil
    }

    static func correlation(_ s: Sums) -> Double? {
        guard s.n >= 2 else { return nil }
        let cov = s.xy - s.x * s.y / s.n
        let vx = s.xx - s.x * s.x / s.n
        let vy = s.yy - s.y * s.y / s.n
        guard vx > 0, vy > 0 else { return nil }
        return max(-1, min(1, cov / (vx * vy).squareRoot()))
    }
}
