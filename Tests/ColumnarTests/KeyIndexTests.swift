import Testing
@testable import Columnar

@Suite struct KeyIndexTests {
    @Test func idsAreDenseInFirstInsertionOrderAcrossGrowth() {
        var index = KeyIndex(capacity: 2)
        let keys: [UInt64] = (0..<10_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        for (i, k) in keys.enumerated() { #expect(index.insert(k) == (Int32(i), true)) }
        for (i, k) in keys.enumerated() {
            #expect(index.insert(k) == (Int32(i), false))
            #expect(index.find(k) == Int32(i))
        }
        #expect(index.count == keys.count)
        #expect(index.keys == keys)
        #expect(index.find(12345) == nil)
        #expect(index.lookup(UInt64.max) == -1)
    }
}
