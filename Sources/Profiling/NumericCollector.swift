import Lake

/// Collects the non-null values of one numeric column for exact quantiles, distinct counts and
/// moments once the column is complete.
///
/// While the column has at most `countingLimit` distinct values it only counts them
/// (`ValueCounts`: a few KiB that stay in cache, and nothing to sort at the end); past that it
/// keeps every value as an order-preserving key, 8 bytes a row, sorted at the end unless they
/// arrived in order (NPIs of the CMS file, line numbers). Both give the same summary.
final class NumericCollector: BatchTask, @unchecked Sendable {
    /// Distinct values counted before switching to keeping every value.
    static let defaultCountingLimit = 1 << 16

    let column: Int
    let isInteger: Bool
    private let expectedRows: Int
    private let countingLimit: Int
    private(set) var nulls = 0
    private(set) var nan = 0
    private var counts: ValueCounts? = ValueCounts()
    private var keys: [UInt64] = []
    /// Every value so far at least the one before it.
    private var arrivedSorted = true
    private var previous: UInt64 = 0
    /// Set by the profiler between batches when the read is over its memory budget: the column
    /// is read again later, and its memory is released now.
    private(set) var dropped = false

    init(column: Int, isInteger: Bool, expectedRows: Int, countingLimit: Int = NumericCollector.defaultCountingLimit) {
        self.column = column
        self.isInteger = isInteger
        self.expectedRows = expectedRows
        self.countingLimit = countingLimit
    }

    /// Bytes held for the values (the counting table, or the key array's capacity).
    var memoryBytes: Int { counts?.memoryBytes ?? keys.capacity * MemoryLayout<UInt64>.stride }

    func drop() {
        dropped = true
        counts = nil
        keys = []
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
            case .int64(let v):
                v.withUnsafeBufferPointer { p in
                    for i in 0..<p.count { if valid?[i] ?? true { put(OrderedKey.key(p[i])) } else { nulls += 1 } }
                }
            case .double(let v):
                v.withUnsafeBufferPointer { p in
                    for i in 0..<p.count {
                        if !(valid?[i] ?? true) { nulls += 1 } else if p[i].isNaN { nan += 1 } else { put(OrderedKey.key(p[i])) }
                    }
                }
            case .boolean, .string, .dictionary:
                preconditionFailure("numeric collector given a non-numeric column")
            }
            if filled > 0 { take(UnsafeBufferPointer(start: out, count: filled)) }
        }
    }

    private func take(_ chunk: UnsafeBufferPointer<UInt64>) {
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
                keys.reserveCapacity(expectedRows)
                table.expand(into: &keys, sorted: arrivedSorted)
                counts = nil
            }
        } else {
            keys.append(contentsOf: chunk)
        }
    }

    /// Sorts and summarises; the values are released.
    func finish(settings: ProfileSettings) -> NumericSummary {
        precondition(!dropped, "a dropped column has no summary")
        let bins = settings.histogramBins, ratio = settings.logHistogramMinRatio
        if let table = counts {
            counts = nil
            return NumericSummary.make(table.sortedRuns(), isInteger: isInteger, nan: nan, bins: bins, logRatio: ratio)
        }
        var k = keys
        keys = []
        if !arrivedSorted { RadixSort.sort(&k) }
        return NumericSummary.make(ExpandedKeys(keys: k), isInteger: isInteger, nan: nan, bins: bins, logRatio: ratio)
    }
}
