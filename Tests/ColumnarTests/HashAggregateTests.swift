import Lake
import Testing
@testable import Columnar

@Suite struct HashAggregateTests {
    static let specs: [HashAggregate.Aggregate] = [
        .init(.count), .init(.sum, column: 0), .init(.sum, column: 1), .init(.min, column: 0), .init(.max, column: 1),
        .init(.countDistinct, column: 2),
    ]

    @Test func groupsByInt32AndDictionaryStringKeys() throws {
        // Keys: (year, state) with the state dictionary-encoded.
        let year = ColumnVector(.int32([2021, 2021, 2022, 2021, 2022]))
        let state = ColumnVector(.dictionary(DictionaryArray(dictionary: StringArray(["CA", "NY"]), indices: [0, 1, 0, 0, 0])))
        var interner = StringInterner()
        let key = GroupKey(widths: [32, 32])
        let keys = try key.keys([try GroupKey.codes(year, interner: &interner), try GroupKey.codes(state, interner: &interner)])
        let claims = ColumnVector(.int64([11, 20, 30, 12, 40]), validity: [true, true, true, true, false])
        let cost = ColumnVector(.double([1.5, 2, 3, 4, 5]))
        let npi = ColumnVector(.int64([1, 1, 2, 1, 3]))
        var agg = HashAggregate(Self.specs)
        try agg.add(keys: keys, columns: [claims, cost, npi])
        #expect(agg.groupCount == 3)
        // Group 0 = (2021, CA): rows 0 and 3.
        #expect(key.unpack(agg.keys[0]) == [2021, UInt64(interner.code("CA")!)])
        #expect((0..<6).map { agg.value(group: 0, aggregate: $0) } == [.int64(2), .int64(23), .double(5.5), .int64(11), .double(4), .int64(1)])
        // Group 2 = (2022, CA): row 4's claims are null, so the sum covers row 2 only.
        #expect((0..<6).map { agg.value(group: 2, aggregate: $0) } == [.int64(2), .int64(30), .double(8), .int64(30), .double(5), .int64(2)])
    }

    @Test func partialAggregatesMergeToTheWholeAggregate() throws {
        let keys: [UInt64] = [1, 2, 1, 3, 2, 1]
        let a = ColumnVector(.int64([1, 2, 3, 4, 5, 6]))
        let b = ColumnVector(.double([0.5, 1, 1.5, 2, 2.5, 3]))
        let c = ColumnVector(.int64([7, 7, 8, 9, 7, 7]))
        var whole = HashAggregate(Self.specs)
        try whole.add(keys: keys, columns: [a, b, c])
        var left = HashAggregate(Self.specs), right = HashAggregate(Self.specs)
        try left.add(keys: Array(keys[0..<3]), columns: [a.slice(0..<3), b.slice(0..<3), c.slice(0..<3)])
        try right.add(keys: Array(keys[3...]), columns: [a.slice(3..<6), b.slice(3..<6), c.slice(3..<6)])
        try left.merge(right)
        #expect(left.keys == whole.keys)
        for g in 0..<whole.groupCount {
            for s in Self.specs.indices { #expect(left.value(group: g, aggregate: s) == whole.value(group: g, aggregate: s)) }
        }
    }

    @Test func selectionLimitsTheRowsAndAllNullSumIsNull() throws {
        var agg = HashAggregate([.init(.sum, column: 0), .init(.countDistinct, column: 1)])
        let v = ColumnVector(.int64([5, 6, 7]), validity: [false, true, true])
        let s = ColumnVector(.string(StringArray(["x", "y", "x"])))
        try agg.add(keys: [9, 9, 8], columns: [v, s], selection: Selection(rows: [0, 2]))
        #expect(agg.keys == [9, 8])
        #expect(agg.value(group: 0, aggregate: 0) == .null)
        #expect(agg.value(group: 1, aggregate: 0) == .int64(7))
        #expect(agg.value(group: 0, aggregate: 1) == .int64(1))
    }

    @Test func keyPartsThatDoNotFitAreRejected() {
        #expect(throws: ColumnarError.self) { try GroupKey(widths: [4, 4]).keys([[15], [0]]) }
        #expect(throws: Never.self) { try GroupKey(widths: [4, 4]).keys([[-1], [14]]) }
    }
}
