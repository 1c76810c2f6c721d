/// Exact distinct (group, value) pairs by sorting instead of hashing: pairs are bucketed by
/// group with a counting sort (groups are dense ids), then each bucket is sorted and
/// deduplicated. Memory is two Int32 per input pair; count-distinct of prescribers per drug
/// over 25 M rows needs no hash set of 25 M entries.
public struct DistinctPairs: Sendable {
    /// `offsets[g]..<offsets[g + 1]` indexes group g's distinct values in `values`, ascending.
    public let offsets: [Int]
    public let values: [Int32]

    /// `groups[i]` in 0..<groupCount, `values[i]` any Int32.
    public init(groups: [Int32], values input: [Int32], groupCount: Int) {
        precondition(groups.count == input.count, "pairs of unequal length")
        var start = [Int](repeating: 0, count: groupCount + 1)
        for g in groups { start[Int(g) + 1] += 1 }
        for g in 0..<groupCount { start[g + 1] += start[g] }
        var fill = start
        var bucketed = [Int32](repeating: 0, count: input.count)
        for i in groups.indices {
            let g = Int(groups[i])
            bucketed[fill[g]] = input[i]
            fill[g] += 1
        }
        var offsets = [Int](repeating: 0, count: groupCount + 1)
        var write = 0
        bucketed.withUnsafeMutableBufferPointer { buf in
            for g in 0..<groupCount {
                let lo = start[g], hi = start[g + 1]
                offsets[g] = write
                if hi > lo {
                    var slice = UnsafeMutableBufferPointer(rebasing: buf[lo..<hi])
                    slice.sort()
                    var last: Int32? = nil
                    for k in lo..<hi where buf[k] != last {
                        last = buf[k]
                        buf[write] = buf[k]
                        write += 1
                    }
                }
            }
        }
        offsets[groupCount] = write
        bucketed.removeLast(bucketed.count - write)
        self.offsets = offsets
        self.values = bucketed
    }

    public var groupCount: Int { offsets.count - 1 }

    /// Distinct values of group `g`, ascending.
    public func values(of g: Int) -> ArraySlice<Int32> { values[offsets[g]..<offsets[g + 1]] }

    public func distinctCount(_ g: Int) -> Int { offsets[g + 1] - offsets[g] }
}
