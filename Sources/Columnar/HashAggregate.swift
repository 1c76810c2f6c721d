import Lake

/// Hash aggregation: rows are grouped by a 64-bit key (see ``GroupKey``) and each
/// ``Aggregate`` keeps one accumulator per group. Batches are added one row group at a time;
/// partial aggregates built on different workers combine with ``merge(_:)``.
///
/// Sums follow SQL: nulls are skipped and a group whose inputs were all null sums to null.
/// Sums of DECIMAL(18,2) columns are exact sums of cents, checked for overflow.
public struct HashAggregate: Sendable {
    public enum Function: Sendable, Equatable { case count, sum, min, max, countDistinct }

    /// One output: `function` over input column `column` (ignored by `count`, which counts rows).
    public struct Aggregate: Sendable, Equatable {
        public var function: Function
        public var column: Int
        public init(_ function: Function, column: Int = 0) {
            self.function = function
            self.column = column
        }
    }

    public let aggregates: [Aggregate]
    public private(set) var groups = KeyIndex()
    private var accumulators: [Accumulator]

    public init(_ aggregates: [Aggregate]) {
        self.aggregates = aggregates
        accumulators = aggregates.map { Accumulator(function: $0.function) }
    }

    public var groupCount: Int { groups.count }
    public var keys: [UInt64] { groups.keys }

    /// Adds the rows of a batch (or only `selection`): `keys[i]` is row i's group key,
    /// `columns` the inputs the aggregates name.
    public mutating func add(keys: [UInt64], columns: [ColumnVector], selection: Selection? = nil) throws {
        for c in columns where c.count != keys.count {
            throw ColumnarError.lengthMismatch("\(keys.count) keys, a column of \(c.count) rows")
        }
        let rows = selection?.rows ?? (0..<Int32(keys.count)).map { $0 }
        var ids = [Int32](repeating: 0, count: rows.count)
        for (k, r) in rows.enumerated() { ids[k] = groups.insert(keys[Int(r)]).id }
        let n = groups.count
        for a in aggregates.indices {
            accumulators[a].resize(n)
            try accumulators[a].add(ids: ids, rows: rows, column: aggregates[a].function == .count ? nil : columns[aggregates[a].column])
        }
    }

    /// Adds `other`'s groups and accumulators (the partial aggregate of another worker).
    public mutating func merge(_ other: HashAggregate) throws {
        precondition(other.aggregates == aggregates, "merging aggregates of different shapes")
        let ids = other.groups.keys.map { groups.insert($0).id }
        for a in aggregates.indices {
            accumulators[a].resize(groups.count)
            try accumulators[a].merge(other.accumulators[a], ids: ids)
        }
    }

    /// The value of aggregate `a` for group `g` (`.int64` for counts and integer sums/min/max,
    /// `.double` for double inputs, `.decimal` for money, `.null` for a sum/min/max over no
    /// non-null value).
    public func value(group g: Int, aggregate a: Int) -> Value { accumulators[a].value(g) }
}

/// One aggregate's per-group state.
struct Accumulator: Sendable {
    let function: HashAggregate.Function
    var ints: [Int64] = []
    var doubles: [Double] = []
    /// Non-null inputs seen per group (rows, for `count`).
    var seen: [Int64] = []
    var isDouble = false
    /// DECIMAL(18,2) inputs: `ints` hold cents and sums are overflow-checked.
    var isDecimal = false
    var distinct: [Set<UInt64>] = []
    var distinctText: [Set<String>] = []

    init(function: HashAggregate.Function) { self.function = function }

    mutating func resize(_ n: Int) {
        guard seen.count < n else { return }
        let add = n - seen.count
        seen.append(contentsOf: repeatElement(0, count: add))
        ints.append(contentsOf: repeatElement(0, count: add))
        doubles.append(contentsOf: repeatElement(0, count: add))
        if function == .countDistinct {
            distinct.append(contentsOf: repeatElement([], count: add))
            distinctText.append(contentsOf: repeatElement([], count: add))
        }
    }

    mutating func add(ids: [Int32], rows: [Int32], column: ColumnVector?) throws {
        guard let column else {
            for g in ids { seen[Int(g)] += 1 }
            return
        }
        let validity = column.validity
        switch column.values {
        case .double(let v):
            isDouble = true
            for (k, r) in rows.enumerated() where validity?[Int(r)] ?? true { addDouble(Int(ids[k]), v[Int(r)]) }
        case .decimal(let v):
            isDecimal = true
            for (k, r) in rows.enumerated() where validity?[Int(r)] ?? true {
                let g = Int(ids[k])
                if function == .sum && seen[g] > 0 {
                    guard let s = Cents.adding(ints[g], v[Int(r)]) else { throw ColumnarError.overflow("a decimal sum") }
                    seen[g] += 1
                    ints[g] = s
                } else {
                    addInt(g, v[Int(r)])
                }
            }
        case .int64, .int32:
            let v = try ColumnAccess.int64(column)
            for (k, r) in rows.enumerated() where validity?[Int(r)] ?? true { addInt(Int(ids[k]), v[Int(r)]) }
        case .dictionary, .string:
            guard function == .countDistinct else { throw ColumnarError.wrongType(expected: "numeric", found: "string") }
            // Codes are local to this batch, so the sets keep the text itself.
            var interner = StringInterner()
            let codes = try interner.codes(of: column)
            for (k, r) in rows.enumerated() where codes[Int(r)] >= 0 {
                let g = Int(ids[k])
                seen[g] += 1
                distinctText[g].insert(interner.strings[Int(codes[Int(r)])])
            }
        default:
            throw ColumnarError.wrongType(expected: "numeric or string", found: column.type.description)
        }
    }

    @inline(__always)
    mutating func addInt(_ g: Int, _ x: Int64) {
        let first = seen[g] == 0
        seen[g] += 1
        switch function {
        case .count: break
        case .sum: ints[g] &+= x
        case .min: if first || x < ints[g] { ints[g] = x }
        case .max: if first || x > ints[g] { ints[g] = x }
        case .countDistinct: distinct[g].insert(UInt64(bitPattern: x))
        }
    }

    @inline(__always)
    mutating func addDouble(_ g: Int, _ x: Double) {
        let first = seen[g] == 0
        seen[g] += 1
        switch function {
        case .count: break
        case .sum: doubles[g] += x
        case .min: if first || x < doubles[g] { doubles[g] = x }
        case .max: if first || x > doubles[g] { doubles[g] = x }
        case .countDistinct: distinct[g].insert(x == 0 ? 0 : x.bitPattern)
        }
    }

    mutating func merge(_ other: Accumulator, ids: [Int32]) throws {
        if other.isDouble { isDouble = true }
        if other.isDecimal { isDecimal = true }
        for (og, id) in ids.enumerated() {
            let g = Int(id)
            guard other.seen[og] > 0 else { continue }
            let first = seen[g] == 0
            switch function {
            case .count: break
            case .sum where isDecimal:
                guard let s = Cents.adding(ints[g], other.ints[og]) else { throw ColumnarError.overflow("a decimal sum") }
                ints[g] = s
            case .sum: ints[g] &+= other.ints[og]; doubles[g] += other.doubles[og]
            case .min:
                if first || other.ints[og] < ints[g] { ints[g] = other.ints[og] }
                if first || other.doubles[og] < doubles[g] { doubles[g] = other.doubles[og] }
            case .max:
                if first || other.ints[og] > ints[g] { ints[g] = other.ints[og] }
                if first || other.doubles[og] > doubles[g] { doubles[g] = other.doubles[og] }
            case .countDistinct:
                distinct[g].formUnion(other.distinct[og])
                distinctText[g].formUnion(other.distinctText[og])
            }
            seen[g] += other.seen[og]
        }
    }

    func value(_ g: Int) -> Value {
        switch function {
        case .count: return .int64(seen[g])
        case .countDistinct: return .int64(Int64(distinct[g].count + distinctText[g].count))
        case .sum, .min, .max:
            if seen[g] == 0 { return .null }
            return isDouble ? .double(doubles[g]) : isDecimal ? .decimal(ints[g]) : .int64(ints[g])
        }
    }
}
