@testable import Lake
import Testing
@testable import Profiling

/// The chunked, SIMD and counting paths against straightforward computations.
@Suite struct FastPathTests {
    func batch(_ columns: [ColumnVector]) -> RowGroupBatch {
        RowGroupBatch(index: 0, rowCount: columns[0].count,
                      fields: columns.indices.map { Field("c\($0)", columns[$0].type) }, columns: columns)
    }

    func random(_ count: Int, seed: UInt64) -> [UInt64] {
        var state = seed
        return (0..<count).map { _ in state = Hashing.mix(state); return state }
    }

    @Test func countingSortOfNarrowKeysMatchesTheStandardSort() {
        // 20,000 keys over 5,000 values near the top of the range: the counting path.
        var keys = random(20_000, seed: 7).map { UInt64.max - 6_000 + $0 % 5_000 }
        let expected = keys.sorted()
        RadixSort.sort(&keys)
        #expect(keys == expected)
    }

    @Test func radixSortCarriesThePayloadStably() {
        let raw = random(5_000, seed: 3)
        var keys = raw.map { $0 % 97 == 0 ? $0 : $0 & 0xFF_FFFF_0000 }
        let original = keys
        var rows = (0..<UInt32(keys.count)).map { $0 }
        RadixSort.sort(&keys, payload: &rows)
        let expected = original.indices.sorted { original[$0] != original[$1] ? original[$0] < original[$1] : $0 < $1 }
        #expect(rows.map { Int($0) } == expected)
        #expect(keys == expected.map { original[$0] })
    }

    /// Σ-based Pearson over pairwise complete rows, computed row by row.
    func naivePearson(_ x: [Double?], _ y: [Double?]) -> Double? {
        let rows = x.indices.filter { x[$0] != nil && y[$0] != nil }
        let n = Double(rows.count)
        guard n >= 2 else { return nil }
        let mx = rows.reduce(0) { $0 + x[$1]! } / n, my = rows.reduce(0) { $0 + y[$1]! } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in rows { sxy += (x[i]! - mx) * (y[i]! - my); sxx += (x[i]! - mx) * (x[i]! - mx); syy += (y[i]! - my) * (y[i]! - my) }
        return sxy / (sxx * syy).squareRoot()
    }

    @Test func pearsonAcrossChunksWithAndWithoutNulls() throws {
        // More rows than one chunk, an odd tail, nulls in one column only in the second chunk.
        let count = PearsonAccumulator.chunkRows + 1_003
        let r = random(count * 3, seed: 11).map { Double($0 % 10_000) }
        let a: [Double?] = (0..<count).map { r[$0] + 1_000_000_000 }
        let b: [Double?] = (0..<count).map { $0 > PearsonAccumulator.chunkRows && $0 % 5 == 0 ? nil : r[$0] * 0.5 + r[count + $0] }
        let c: [Double?] = (0..<count).map { $0 % 7 == 0 ? nil : r[2 * count + $0] - r[$0] }
        let columns = [
            try ColumnVector.from(a.map { .int64(Int64($0!)) }, type: .int64),
            try ColumnVector.from(b.map { $0.map { .double($0) } ?? .null }, type: .double),
            try ColumnVector.from(c.map { $0.map { .double($0) } ?? .null }, type: .double),
        ]
        let pairs = [(0, 1), (0, 2), (1, 2)]
        let p = PearsonAccumulator(columns: [0, 1, 2], pairs: pairs)
        p.consume(batch(columns))
        let values = [a, b, c]
        for (q, (x, y)) in pairs.enumerated() {
            let expected = try #require(naivePearson(values[x], values[y]))
            #expect(abs(try #require(p.correlation(q)) - expected) < 1e-12)
        }
    }

    @Test func histogramAndOutliersOverRunsOfEqualValues() {
        // Runs of equal values and outliers on both sides; bins checked value by value.
        let values: [Double] = Array(repeating: 5, count: 40) + Array(repeating: 6, count: 30) + [-100, 1, 2, 3, 300, 300]
        var keys = values.map { OrderedKey.key(Int64($0)) }
        RadixSort.sort(&keys)
        let s = NumericSummary.make(sortedKeys: keys, isInteger: true, nan: 0, bins: 4, logRatio: 100)
        let h = try! #require(s.histogram)
        var expected = [Int](repeating: 0, count: 4)
        for v in values {
            var i = 0
            while i < 3 && v >= h.edges[i + 1] { i += 1 }
            expected[i] += 1
        }
        #expect(h.counts == expected)
        let q1 = s.quantiles[2]!, q3 = s.quantiles[4]!
        #expect(s.iqrOutliers == values.filter { $0 < q1 - 1.5 * (q3 - q1) || $0 > q3 + 1.5 * (q3 - q1) }.count)
    }
}

extension FastPathTests {
    @Test func splitOnTheTopDigitMatchesTheStandardSort() {
        // Long enough for the MSD split: wide random keys, a skewed cluster and duplicates.
        let raw = random(200_000, seed: 5)
        var keys = raw.enumerated().map { i, v in i % 3 == 0 ? v : (i % 3 == 1 ? 1 << 40 + v % 1_000 : v >> 20) }
        let expected = keys.sorted()
        RadixSort.sort(&keys)
        #expect(keys == expected)
    }
}

extension FastPathTests {
    @Test func pearsonSplitByChunksMatchesOneAccumulator() throws {
        // Three chunks and a tail; the first rows null so the shift comes from a later row.
        let count = 3 * PearsonAccumulator.chunkRows + 17
        let r = random(2 * count, seed: 19).map { Double($0 % 100_000) }
        let x = try ColumnVector.from((0..<count).map { $0 < 5 ? .null : .double(r[$0] + 1e9) }, type: .double)
        let y = try ColumnVector.from((0..<count).map { .int64(Int64(r[count + $0]) + Int64(r[$0]) / 3) }, type: .int64)
        let one = PearsonAccumulator(columns: [0, 1], pairs: [(0, 1)])
        one.consume(batch([x, y]))
        let parts = (0..<2).map { PearsonAccumulator(columns: [0, 1], pairs: [(0, 1)], part: $0, parts: 2) }
        for p in parts { p.consume(batch([x, y])) }
        let whole = try #require(one.correlation(0))
        #expect(abs(try #require(PearsonAccumulator.correlation(parts, 0)) - whole) < 1e-12)
        let xs: [Double?] = (0..<count).map { $0 < 5 ? nil : r[$0] + 1e9 }
        let ys: [Double?] = (0..<count).map { Double(Int64(r[count + $0]) + Int64(r[$0]) / 3) }
        #expect(abs(whole - (try #require(naivePearson(xs, ys)))) < 1e-12)
    }
}

extension FastPathTests {
    @Test func duplicateRowsInSmallAndLargeBuckets() throws {
        // 3,000 copies of one row (a bucket beyond insertion sort), 200 rows twice, 100,000 distinct.
        var a = [Int64](), b = [Int64]()
        for _ in 0..<3_000 { a.append(7); b.append(7) }
        for i in 0..<200 { for _ in 0..<2 { a.append(Int64(i) + 1_000); b.append(-Int64(i)) } }
        for i in 0..<100_000 { a.append(Int64(i) + 1_000_000); b.append(Int64(i % 3)) }
        let f = RowFingerprints(expectedRows: a.count)
        f.consume(batch([try .from(a.map { .int64($0) }, type: .int64), try .from(b.map { .int64($0) }, type: .int64)]))
        #expect(f.duplicateRows() == 2_999 + 200)
    }
}
