/// The non-null values of a numeric column in ascending order, as order-preserving keys
/// (`OrderedKey`): every value (`ExpandedKeys`) or each distinct value with its count
/// (`KeyRuns`). `NumericSummary` reads both the same way, run by run, so one column gives the
/// same statistics, bit for bit, whichever way it was collected.
protocol SortedKeys {
    /// Values, repeats included.
    var count: Int { get }
    /// The key at `rank` (0-based, repeats included).
    func key(atRank rank: Int) -> UInt64
    /// The number of values with a key below `key`.
    func rank(ofFirstKeyAtLeast key: UInt64) -> Int
    /// Each distinct key in ascending order with how many values have it.
    func forEachRun(_ body: (UInt64, Int) -> Void)
}

extension SortedKeys {
    /// The first rank whose value satisfies `isAbove` (false, then true along the sorted values).
    func firstRank(_ value: (UInt64) -> Double, where isAbove: (Double) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAbove(value(key(atRank: mid))) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// Every value's key, sorted.
struct ExpandedKeys: SortedKeys {
    let keys: [UInt64]
    var count: Int { keys.count }
    func key(atRank rank: Int) -> UInt64 { keys[rank] }

    func rank(ofFirstKeyAtLeast key: UInt64) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func forEachRun(_ body: (UInt64, Int) -> Void) {
        keys.withUnsafeBufferPointer { k in
            var i = 0
            while i < k.count {
                let key = k[i]
                var end = i + 1
                while end < k.count && k[end] == key { end += 1 }
                body(key, end - i)
                i = end
            }
        }
    }
}

/// Distinct keys ascending with their counts; `ends[i]` is the rank just past run `i`.
struct KeyRuns: SortedKeys {
    let keys: [UInt64]
    let counts: [Int]
    private let ends: [Int]

    init(keys: [UInt64], counts: [Int]) {
        precondition(keys.count == counts.count, "one count per key")
        self.keys = keys
        self.counts = counts
        var total = 0
        ends = counts.map { total += $0; return total }
    }

    var count: Int { ends.last ?? 0 }

    func key(atRank rank: Int) -> UInt64 {
        // The first run ending after `rank`.
        var lo = 0, hi = ends.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ends[mid] <= rank { lo = mid + 1 } else { hi = mid }
        }
        return keys[lo]
    }

    func rank(ofFirstKeyAtLeast key: UInt64) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : ends[lo - 1]
    }

    func forEachRun(_ body: (UInt64, Int) -> Void) {
        for i in keys.indices { body(keys[i], counts[i]) }
    }
}
