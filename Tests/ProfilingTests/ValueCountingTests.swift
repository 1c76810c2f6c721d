@testable import Lake
import Testing
@testable import Profiling

/// Counting distinct values, keeping runs of values arriving in order, keeping every value, and
/// switching between them mid-column give the same summaries; the read budget drops columns
/// deterministically.
@Suite struct ValueCountingTests {
    func random(_ count: Int, seed: UInt64) -> [UInt64] {
        var state = seed
        return (0..<count).map { _ in state = Hashing.mix(state); return state }
    }

    @Test func countsMatchADictionaryThroughGrowthAndExtremeKeys() {
        let table = ValueCounts(initialSlots: 16)
        // The first key, 5, puts the array window at 5 − 8,192 … 5 + 8,191 (wrapping past 0):
        // small keys and UInt64.max land in it, the rest and keys past it in the hash table.
        var keys: [UInt64] = [5]
        keys += random(30_000, seed: 5).map { $0 % 9 == 0 ? $0 : $0 % 3_000 }
        keys += [0, 0, UInt64.max, 0, UInt64.max, 8_196, 8_197, 20_000, UInt64.max - 8_186, UInt64.max - 8_187]
        keys.withUnsafeBufferPointer { table.add($0) }
        var expected = [UInt64: Int]()
        for k in keys { expected[k, default: 0] += 1 }
        #expect(table.count == expected.count)
        let runs = table.sortedRuns()
        #expect(runs.keys == expected.keys.sorted())
        #expect(runs.counts == runs.keys.map { expected[$0]! })
        var expanded = [UInt64]()
        table.expand(into: &expanded, sorted: true)
        #expect(expanded == keys.sorted())
    }

    @Test func runsAndExpandedKeysAnswerRanksAlike() {
        let sorted = random(2_000, seed: 9).map { $0 % 150 }.sorted()
        let expanded = ExpandedKeys(keys: sorted)
        var keys = [UInt64](), counts = [Int]()
        expanded.forEachRun { keys.append($0); counts.append($1) }
        let runs = KeyRuns(keys: keys, counts: counts)
        #expect(runs.count == expanded.count)
        for rank in [0, 1, 17, 999, 1_000, 1_999] { #expect(runs.key(atRank: rank) == expanded.key(atRank: rank)) }
        for key: UInt64 in [0, 1, 50, 75, 149, 150, 10_000] {
            #expect(runs.rank(ofFirstKeyAtLeast: key) == expanded.rank(ofFirstKeyAtLeast: key))
        }
    }

    func column(_ values: [Double?], integer: Bool) throws -> RowGroupBatch {
        let vector = integer
            ? try ColumnVector.from(values.map { $0.map { .int64(Int64($0)) } ?? .null }, type: .int64)
            : try ColumnVector.from(values.map { $0.map { .double($0) } ?? .null }, type: .double)
        return RowGroupBatch(index: 0, rowCount: values.count, fields: [Field("v", vector.type)], columns: [vector])
    }

    /// The summary of `batches` with a given counting limit.
    func summary(_ batches: [RowGroupBatch], integer: Bool, limit: Int) -> (NumericSummary, Int) {
        let rows = batches.reduce(0) { $0 + $1.rowCount }
        let collector = NumericCollector(column: 0, isInteger: integer, expectedRows: rows, countingLimit: limit)
        for b in batches { collector.consume(b) }
        return (collector.finish(settings: ProfileSettings()), collector.nulls)
    }

    @Test(arguments: [true, false])
    func countingKeepingAndSwitchingGiveTheSameSummary(integer: Bool) throws {
        // Repeats, nulls, negatives and zeros, in random order and then sorted (the fast path
        // that skips the sort), over several batches.
        let r = random(12_000, seed: integer ? 21 : 22)
        let values: [Double?] = r.map { v in
            if v % 11 == 0 { return nil }
            let base = Double(Int64(v % 700) - 100)
            return integer ? base : base * 0.37 + (v % 3 == 0 ? 1e9 : 0)
        }
        let ascending = values.compactMap { $0 }.sorted().map { Optional($0) }
        // In order, then not (runs given up for every value); distinct and in order (runs too short).
        let halfSorted = Array(ascending.prefix(6_000)) + Array(values.suffix(6_000))
        let distinctAscending = (0..<9_000).map { Optional(Double($0) - 400) }
        for order in [values, ascending, halfSorted, distinctAscending] {
            let batches = try stride(from: 0, to: order.count, by: 5_000).map {
                try column(Array(order[$0..<min(order.count, $0 + 5_000)]), integer: integer)
            }
            let counted = summary(batches, integer: integer, limit: 1 << 20)
            for limit in [0, 50, 699] {
                let other = summary(batches, integer: integer, limit: limit)
                #expect(other.0 == counted.0, "limit \(limit)")
                #expect(other.1 == counted.1)
            }
            // Against the summary of the sorted keys computed directly.
            var keys = order.compactMap { $0 }.map { integer ? OrderedKey.key(Int64($0)) : OrderedKey.key($0) }
            RadixSort.sort(&keys)
            let direct = NumericSummary.make(sortedKeys: keys, isInteger: integer, nan: 0, bins: ProfileSettings().histogramBins,
                                             logRatio: ProfileSettings().logHistogramMinRatio)
            #expect(direct == counted.0)
            #expect(counted.0.distinct == Set(keys).count)
        }
    }

    @Test func repeatedDoublesSumExactlyWithTheProductError() {
        // math.fsum([1/3] * 3 + [0.1] * 3 + [0.001] * 36) == 1.3359999999999999; adding v·c alone gives 1.336.
        let values = [1.0 / 3, 0.1, 0.001]
        let runs = KeyRuns(keys: values.map(OrderedKey.key).sorted(), counts: [36, 3, 3])
        let s = NumericSummary.make(runs, isInteger: false, nan: 0, bins: 4, logRatio: 100)
        #expect(s.sum == .double(1.3359999999999999))
        #expect(s.count == 42 && s.distinct == 3)
    }

    @Test func theBudgetDropsTheLargestColumnsLaterColumnsFirst() throws {
        // Column 0 counts 3 values (its table and window: 144 KiB); columns 1 and 2 keep every value
        // (more distinct values than the limit; 320 KB each).
        let rows = 40_000
        let vectors = try (0..<3).map { c in
            try ColumnVector.from((0..<rows).map { .int64(c == 0 ? Int64($0 % 3) : Int64($0)) }, type: .int64)
        }
        let batch = RowGroupBatch(index: 0, rowCount: rows, fields: (0..<3).map { Field("c\($0)", .int64) }, columns: vectors)
        let collectors = (0..<3).map { NumericCollector(column: $0, isInteger: true, expectedRows: rows, countingLimit: 100) }
        for c in collectors { c.consume(batch) }
        let kept = collectors[1].memoryBytes
        #expect(kept >= rows * 8 && collectors[2].memoryBytes == kept && collectors[0].memoryBytes < kept)
        TableProfiler.keepWithin(kept + collectors[0].memoryBytes, collectors, atLeast: 0)
        #expect(collectors.map(\.dropped) == [false, false, true])
        TableProfiler.keepWithin(0, collectors, atLeast: 1)
        #expect(collectors.map(\.dropped) == [false, true, true])
        #expect(collectors[0].finish(settings: ProfileSettings()).distinct == 3)
    }
}
