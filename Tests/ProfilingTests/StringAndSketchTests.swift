@testable import Lake
import Testing
@testable import Profiling

@Suite struct StringAndSketchTests {
    func batch(_ columns: [ColumnVector]) -> RowGroupBatch {
        RowGroupBatch(index: 0, rowCount: columns[0].count,
                      fields: columns.indices.map { Field("c\($0)", columns[$0].type) }, columns: columns)
    }

    @Test func shapesMapDigitsAndLetters() {
        #expect(ValueShape.of("1003000126") == "9999999999")
        #expect(ValueShape.of("Smith-Jones, Jr.") == "Aaaaa-Aaaaa, Aa.")
        #expect(ValueShape.of("Zoë Ñ ٣") == "Aaa A 9")
        #expect(ValueShape.of(String(repeating: "x", count: 50)) == String(repeating: "a", count: 40) + "…")
    }

    @Test func stringCountsLengthsAndTopValuesFromPlainAndDictionaryBatches() throws {
        let c = StringCollector(column: 0, budgetBytes: 1 << 20)
        c.consume(batch([try .from([.string("b"), .string(""), .null, .string("b"), .string("ä1")], type: .string)]))
        let dict = DictionaryArray(dictionary: StringArray(["a", "b", "unused"]), indices: [0, 1, 1, 0])
        c.consume(batch([ColumnVector(.dictionary(dict), validity: [true, true, true, false])]))
        let s = StringSummary.make(c, flagMaxDistinct: 10)
        #expect(c.nulls == 2)
        #expect(s.count == 7)
        #expect(s.empty == 1)
        #expect(s.distinct == 4)
        #expect(s.minLength == 0 && s.maxLength == 2)
        #expect(s.topValues.map(\.value) == ["b", "", "a", "ä1"])
        #expect(s.topValues.map(\.count) == [4, 1, 1, 1])
        #expect(s.valueCounts?.count == 4)
        #expect(s.shapes.first == .init(value: "a", count: 5))
    }

    @Test func overBudgetSwitchesToHyperLogLogWithinItsError() {
        let c = StringCollector(column: 0, budgetBytes: 1000 * (StringCollector.entryOverhead + 8))
        let values = StringArray((0..<50_000).map { "v\($0)" })
        c.consume(batch([ColumnVector(.string(values))]))
        let s = StringSummary.make(c, flagMaxDistinct: 10)
        #expect(!s.distinctExact)
        #expect(!s.topValuesComplete)
        #expect(abs(Double(s.distinct) - 50_000) / 50_000 < 4 * HyperLogLog.relativeError)
        #expect(s.count == 50_000)
        #expect(s.maxLength == 6)
    }

    @Test func fingerprintsCountDuplicateRowsWithNullsDistinct() throws {
        let f = RowFingerprints(expectedRows: 6)
        let a = try ColumnVector.from([.int64(1), .int64(1), .null, .null, .int64(2), .int64(1)], type: .int64)
        let b = try ColumnVector.from([.string("x"), .string("x"), .string(""), .null, .string("x"), .string("y")], type: .string)
        f.consume(batch([a, b]))
        #expect(f.duplicateRows() == 1)
        let swapped = RowFingerprints(expectedRows: 2)
        swapped.consume(batch([try .from([.int64(1), .int64(2)], type: .int64), try .from([.int64(2), .int64(1)], type: .int64)]))
        #expect(swapped.duplicateRows() == 0)
    }

    @Test func pearsonAndSpearmanOverPairwiseCompleteRows() throws {
        let x = try ColumnVector.from([.double(1), .double(2), .double(3), .double(4), .null], type: .double)
        let y = try ColumnVector.from([.int64(10), .int64(20), .int64(40), .int64(80), .int64(5)], type: .int64)
        let p = PearsonAccumulator(columns: [0, 1], pairs: [(0, 1)])
        p.consume(batch([x, y]))
        // numpy.corrcoef([1,2,3,4],[10,20,40,80])
        #expect(abs(p.correlation(0)! - 0.9591663046625438) < 1e-12)
        let s = SpearmanSample(columns: [0, 1], totalRows: 5, maxRows: 10)
        s.consume(batch([x, y]))
        #expect(abs(s.matrix()[0][1]! - 1) < 1e-12)
    }

    @Test func spearmanSamplesEveryKthRowAcrossBatches() throws {
        let s = SpearmanSample(columns: [0], totalRows: 10, maxRows: 4)
        #expect(s.stride == 3)
        s.consume(batch([try .from((0..<4).map { .int64($0) }, type: .int64)]))
        s.consume(batch([try .from((4..<10).map { .int64($0) }, type: .int64)]))
        #expect(s.samples[0] == [0, 3, 6, 9])
    }

    @Test func hyperLogLogEstimatesWithinItsError() {
        var h = HyperLogLog()
        for i in 0..<200_000 { h.insert(hash: Hashing.mix(UInt64(i))) }
        #expect(abs(Double(h.estimate) - 200_000) / 200_000 < 4 * HyperLogLog.relativeError)
        var small = HyperLogLog()
        for i in 0..<100 { small.insert(hash: Hashing.mix(UInt64(i))) }
        #expect(abs(small.estimate - 100) <= 2)
    }
}
