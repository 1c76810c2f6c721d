import Lake
import Testing
@testable import Columnar

@Suite struct DimensionIndexTests {
    @Test func probeFindsDimensionRowsAndMarksMissingKeys() throws {
        let dim = try DimensionIndex(keys: [30, 10, 20, Int64.min])
        #expect(dim.probe([10, 10, 20, 99, 30, Int64.min, 10]) == [1, 1, 2, -1, 0, 3, 1])
    }

    @Test func duplicateKeysAreRejected() {
        #expect(throws: DimensionIndex.DuplicateKey(key: 7, row: 2)) { try DimensionIndex(keys: [7, 8, 7]) }
    }
}

@Suite struct SortingTests {
    @Test func multiKeySortIsStableWithNullsLastAndByteOrder() {
        let claims: [Int64] = [5, 9, 5, 9, 5]
        // "Z" < "a" < "é" byte-wise; Swift's String < would agree here, but "e\u{301}" vs "é" would not.
        let names: [String?] = ["a", "Z", nil, "é", "a"]
        let perm = Sorting.permutation(count: 5, by: [.int64(claims, descending: true), .string(names)])
        #expect(perm == [1, 3, 0, 4, 2])
        #expect(Sorting.less("e\u{301}", "é") && !Sorting.less("é", "e\u{301}"))
    }

    @Test func doublesSortDescending() {
        #expect(Sorting.permutation(count: 3, by: [.double([1.5, -2, 3], descending: true)]) == [2, 0, 1])
    }
}

@Suite struct RankingTests {
    @Test func rowNumbersRestartPerPartitionAndTiesRankByName() {
        let part: [Int32] = [0, 0, 1, 0, 1]
        let claims: [Int64] = [10, 20, 5, 20, 5]
        let names: [String?] = ["c", "b", "y", "a", "x"]
        #expect(Ranking.rowNumbers(partitions: part, by: [.int64(claims, descending: true), .string(names)]) == [3, 2, 2, 1, 1])
    }

    @Test func topKKeepsTheFirstKOfEachPartition() {
        let top = Ranking.topK(2, partitions: [1, 0, 1, 1, 0], by: [.int64([3, 1, 9, 5, 2], descending: true)])
        #expect(top.map(\.partition) == [0, 1])
        #expect(top.map(\.rows) == [[4, 1], [2, 3]])
    }
}

@Suite struct DistinctPairsTests {
    @Test func countsDistinctValuesPerGroup() {
        let pairs = DistinctPairs(groups: [2, 0, 2, 2, 0, 1], values: [7, 3, 7, -1, 3, 5], groupCount: 4)
        #expect(Array(pairs.values(of: 0)) == [3])
        #expect(Array(pairs.values(of: 1)) == [5])
        #expect(Array(pairs.values(of: 2)) == [-1, 7])
        #expect(pairs.distinctCount(3) == 0)
    }
}
