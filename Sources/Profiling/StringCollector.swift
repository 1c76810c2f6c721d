import Lake

/// Value counts of one string column, exact while they fit `budgetBytes`; after that, values
/// not yet seen are counted by a HyperLogLog and by running length/shape statistics only.
/// Unchecked, like every `BatchTask`: only its own `consume` mutates it, one batch after another.
final class StringCollector: BatchTask, @unchecked Sendable {
    /// Shapes tracked per column; later new shapes are counted as "other".
    static let maxShapes = 10_000
    /// Bytes charged per distinct value besides its UTF-8 (dictionary entry, String header).
    static let entryOverhead = 80

    let column: Int
    let budgetBytes: Int
    private(set) var counts: [String: Int] = [:]
    private(set) var nulls = 0
    private(set) var overflowed = false
    private(set) var hll = HyperLogLog()
    private var usedBytes = 0
    /// Statistics of occurrences not in `counts` (after the budget filled).
    private(set) var untracked = RunningStrings()

    init(column: Int, budgetBytes: Int) {
        self.column = column
        self.budgetBytes = budgetBytes
    }

    func consume(_ batch: RowGroupBatch) {
        let c = batch.columns[column]
        let valid = c.validity
        switch c.values {
        case .dictionary(let d):
            var perEntry = [Int](repeating: 0, count: d.dictionary.count)
            d.indices.withUnsafeBufferPointer { idx in
                perEntry.withUnsafeMutableBufferPointer { pe in
                    if let valid {
                        for i in 0..<idx.count where valid[i] { pe[Int(idx[i])] += 1 }
                    } else {
                        for i in idx { pe[Int(i)] += 1 }
                    }
                }
            }
            nulls += c.count - perEntry.reduce(0, +)
            for e in 0..<perEntry.count where perEntry[e] > 0 {
                d.dictionary.withBytes(e) { add($0, perEntry[e]) }
            }
        case .string(let s):
            for i in 0..<s.count {
                if valid?[i] ?? true { s.withBytes(i) { add($0, 1) } } else { nulls += 1 }
            }
        default:
            preconditionFailure("string collector given a non-string column")
        }
    }

    private func add(_ raw: UnsafeRawBufferPointer, _ n: Int) {
        let value = String(decoding: raw, as: UTF8.self)
        if let existing = counts[value] {
            counts[value] = existing + n
            return
        }
        if !overflowed {
            let cost = raw.count + Self.entryOverhead
            if usedBytes + cost <= budgetBytes {
                usedBytes += cost
                counts[value] = n
                return
            }
            overflowed = true
            for key in counts.keys { hll.insert(hash: Self.hash(key)) }
        }
        hll.insert(hash: Hashing.bytes(raw, seed: 0x5EED))
        untracked.add(value, bytes: raw, count: n)
    }

    static func hash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { Hashing.bytes(UnsafeRawBufferPointer($0), seed: 0x5EED) }
    }
}

/// Lengths, empties and shapes accumulated occurrence by occurrence.
struct RunningStrings: Sendable {
    var count = 0
    var empty = 0
    var minLength = Int.max
    var maxLength = 0
    var totalLength = 0
    var shapes: [String: Int] = [:]
    var otherShapes = 0

    mutating func add(_ value: String, bytes raw: UnsafeRawBufferPointer, count n: Int) {
        let length = ValueShape.scalarCount(raw)
        add(value, length: length, count: n)
    }

    mutating func add(_ value: String, length: Int, count n: Int) {
        count += n
        if length == 0 { empty += n }
        minLength = min(minLength, length)
        maxLength = max(maxLength, length)
        totalLength += length * n
        let shape = ValueShape.of(value)
        if let c = shapes[shape] {
            shapes[shape] = c + n
        } else if shapes.count < StringCollector.maxShapes {
            shapes[shape] = n
        } else {
            otherShapes += n
        }
    }
}
