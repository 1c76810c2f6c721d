import Lake

/// Collects the non-null values of one numeric column for exact quantiles, distinct counts and
/// moments once the column is complete.
///
/// While the column has at most `countingLimit` distinct values it only counts them
/// (`ValueCounts`: a few KiB that stay in cache, and nothing to sort at the end). Past that,
/// while the values arrive in ascending order (NPIs of the CMS file) it keeps each run of equal
/// values once with its length, as long as runs average two values or more; otherwise it keeps
/// every value as an order-preserving key, 8 bytes a row, sorted at the end unless they arrived
/// in order (line numbers). All ways give the same summary.
/// Unchecked, like every `BatchTask`: only its own `consume` mutates it, one batch after another.
final class NumericCollector: BatchTask, @unchecked Sendable {
    /// Distinct values counted before switching to keeping every value.
    static let defaultCountingLimit = 1 << 16

    let column: Int
    let isInteger: Bool
    /// What the column's name says it is (a measure when it says nothing): decides the summary.
    let semantic: SemanticType
    /// The column holds NPIs: the summary counts the valid ones.
    let checkNPI: Bool
    /// The name said nothing: `semantic` is a default the data may overturn.
    let inferred: Bool
    private let expectedRows: Int
    private let countingLimit: Int
    private(set) var nulls = 0
    private(set) var nan = 0
    private var counts: ValueCounts? = ValueCounts()
    /// Runs of equal values in arrival (ascending) order, while `inRuns`.
    private var runKeys: [UInt64] = []
    private var runCounts: [Int] = []
    private var inRuns = false
    private var keys: [UInt64] = []
    /// Values taken so far.
    private var taken = 0
    /// Every value so far at least the one before it.
    private var arrivedSorted = true
    private var previous: UInt64 = 0
    /// Set by the profiler between batches when the read is over its memory budget: the column
    /// is read again later, and its memory is released now.
    private(set) var dropped = false

    init(
        column: Int, isInteger: Bool, expectedRows: Int, semantic: SemanticType = .measure, checkNPI: Bool = false,
        inferred: Bool = false, countingLimit: Int = NumericCollector.defaultCountingLimit
    ) {
        self.column = column
        self.isInteger = isInteger
        self.semantic = semantic
        self.checkNPI = checkNPI
        self.inferred = inferred
        self.expectedRows = expectedRows
        self.countingLimit = countingLimit
    }

    /// Bytes held for the values (the counting table, or the key array's capacity).
    var memoryBytes: Int {
        if let counts { return counts.memoryBytes }
        return (keys.capacity + runKeys.capacity + runCounts.capacity) * 8
    }

    func drop() {
        dropped = true
        counts = nil
        keys = []
        runKeys = []
        runCounts = []
    }

    /// Rows converted to keys at a time.
    private static let chunkRows = 4096

    func consume(_ batch: RowGroupBatch) {
        if dropped { return }
        let c = batch.columns[column]
        let valid = c.validity
        var chunk = [UInt64](repeating: 0, count: Self.chunkRows)
        chunk.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            var filled = 0
            @inline(__always) func put(_ key: UInt64) {
                out[filled] = key
                filled &+= 1
                if filled == Self.chunkRows {
                    take(UnsafeBufferPointer(start: out, count: filled))
                    filled = 0
                }
            }
            switch c.values {
            case .int32(let v), .date(let v):
                v.withUnsafeBufferPointer { p in
                    for i in 0..<p.count { if valid?[i] ?? true { put(OrderedKey.key(Int64(p[i]))) } else { nulls += 1 } }
                }
            case .int64(let v), .timestamp(let v):
                v.withUnsafeBufferPointer { p in
                    for i in 0..<p.count { if valid?[i] ?? true { put(OrderedKey.key(p[i])) } else { nulls += 1 } }
                }
            case .double(let v):
                v.withUnsafeBufferPointer { p in
                    for i in 0..<p.count {
                        if !(valid?[i] ?? true) { nulls += 1 } else if p[i].isNaN { nan += 1 } else { put(OrderedKey.key(p[i])) }
                    }
                }
            case .decimal(let v):
                v.withUnsafeBufferPointer { p in
                    for i in 0..<p.count { if valid?[i] ?? true { put(OrderedKey.key(Cents.double(p[i]))) } else { nulls += 1 } }
                }
            case .boolean, .string, .dictionary:
                preconditionFailure("numeric collector given a non-numeric column")
            }
            if filled > 0 { take(UnsafeBufferPointer(start: out, count: filled)) }
        }
    }

    private func take(_ chunk: UnsafeBufferPointer<UInt64>) {
        taken += chunk.count
        if arrivedSorted {
            var prev = previous, descending = false
            for k in chunk {
                descending = descending || k < prev
                prev = k
            }
            // The first value of the column has no predecessor: `previous` starts at 0, the least key.
            arrivedSorted = !descending
            previous = prev
        }
        if let table = counts {
            table.add(chunk)
            if table.count > countingLimit {
                counts = nil
                if arrivedSorted {
                    let runs = table.sortedRuns()
                    runKeys = runs.keys
                    runCounts = runs.counts
                    inRuns = true
                    keepRunsWhileWorthIt()
                } else {
                    keys.reserveCapacity(expectedRows)
                    table.expand(into: &keys, sorted: false)
                }
            }
        } else if inRuns {
            if !arrivedSorted {
                expandRuns()
                keys.append(contentsOf: chunk)
                return
            }
            var i = 0
            while i < chunk.count {
                let k = chunk[i]
                var end = i + 1
                while end < chunk.count && chunk[end] == k { end += 1 }
                if k == runKeys[runKeys.count - 1] {
                    runCounts[runCounts.count - 1] += end - i
                } else {
                    runKeys.append(k)
                    runCounts.append(end - i)
                }
                i = end
            }
            keepRunsWhileWorthIt()
        } else {
            keys.append(contentsOf: chunk)
        }
    }

    /// Runs shorter than two values on average cost more than the values: keep the values.
    private func keepRunsWhileWorthIt() {
        if runKeys.count * 2 > taken { expandRuns() }
    }

    private func expandRuns() {
        keys.reserveCapacity(expectedRows)
        for (k, n) in zip(runKeys, runCounts) { keys.append(contentsOf: repeatElement(k, count: n)) }
        runKeys = []
        runCounts = []
        inRuns = false
    }

    /// Every value so far was at least the one before it (row order: files, then rows).
    var ascending: Bool { arrivedSorted }

    /// Sorts and summarises; the values are released.
    func finish(settings: ProfileSettings) -> NumericSummary {
        precondition(!dropped, "a dropped column has no summary")
        if let table = counts {
            counts = nil
            return summarise(table.sortedRuns(), settings)
        }
        if inRuns {
            let runs = KeyRuns(keys: runKeys, counts: runCounts)
            runKeys = []
            runCounts = []
            return summarise(runs, settings)
        }
        var k = keys
        keys = []
        if !arrivedSorted { RadixSort.sort(&k) }
        return summarise(ExpandedKeys(keys: k), settings)
    }

    /// The summary `semantic` calls for. A measure column whose name said nothing but whose
    /// values may number rows (integers, ascending, all different) also gets an identifier's
    /// shapes, in case the profiler infers it is one.
    private func summarise<K: SortedKeys>(_ keys: K, _ settings: ProfileSettings) -> NumericSummary {
        var summary = NumericSummary.make(
            keys, isInteger: isInteger, nan: nan, bins: settings.histogramBins, logRatio: settings.logHistogramMinRatio,
            semantic: semantic, checkNPI: checkNPI)
        if inferred && isInteger && arrivedSorted && summary.distinct == summary.count && summary.count >= settings.minRows {
            summary.categories = NumericCategories.make(keys, isInteger: true, semantic: .identifier, checkNPI: false)
        }
        return summary
    }
}
