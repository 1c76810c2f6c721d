/// The values of one column for a batch of rows (typically one row group).
///
/// Arrays are dense: `values[i]` exists for every row, and rows that are null hold a
/// placeholder (0, false, "") with `validity[i] == false`. Dense arrays let operators index
/// rows directly; `validity == nil` means "no nulls" and costs nothing.
public struct ColumnVector: Sendable, Equatable {
    public enum Values: Sendable, Equatable {
        case boolean([Bool])
        case int32([Int32])
        case int64([Int64])
        case double([Double])
        /// DECIMAL(18,2) amounts as cents (`Cents`).
        case decimal([Int64])
        /// Days since 1970-01-01.
        case date([Int32])
        /// Microseconds since 1970-01-01T00:00:00Z.
        case timestamp([Int64])
        case string(StringArray)
        /// Strings still dictionary-encoded, as read from a Parquet dictionary page.
        case dictionary(DictionaryArray)
    }

    public var values: Values
    /// `validity[i] == false` marks row `i` null; nil when the column has no nulls.
    public var validity: [Bool]?

    public init(_ values: Values, validity: [Bool]? = nil) {
        self.values = values
        self.validity = validity
        if let validity { precondition(validity.count == count, "validity length must equal the value count") }
    }

    public var count: Int {
        switch values {
        case .boolean(let v): return v.count
        case .int32(let v), .date(let v): return v.count
        case .int64(let v), .decimal(let v), .timestamp(let v): return v.count
        case .double(let v): return v.count
        case .string(let v): return v.count
        case .dictionary(let v): return v.count
        }
    }

    /// The logical type these values carry.
    public var type: ColumnType {
        switch values {
        case .boolean: return .boolean
        case .int32: return .int32
        case .int64: return .int64
        case .double: return .double
        case .decimal: return .decimal
        case .date: return .date
        case .timestamp: return .timestamp
        case .string, .dictionary: return .string
        }
    }

    public var nullCount: Int { validity.map { $0.reduce(0) { $0 + ($1 ? 0 : 1) } } ?? 0 }

    @inlinable public func isNull(_ i: Int) -> Bool { validity.map { !$0[i] } ?? false }

    /// The same column with dictionary strings expanded to plain strings.
    public func materialized() -> ColumnVector {
        if case .dictionary(let d) = values { return ColumnVector(.string(d.materialized()), validity: validity) }
        return self
    }

    /// Value of row `i` as a `Value` (slow path for printing and tests, not for hot loops).
    public func value(at i: Int) -> Value {
        if isNull(i) { return .null }
        switch values {
        case .boolean(let v): return .boolean(v[i])
        case .int32(let v): return .int32(v[i])
        case .int64(let v): return .int64(v[i])
        case .double(let v): return .double(v[i])
        case .decimal(let v): return .decimal(v[i])
        case .date(let v): return .date(v[i])
        case .timestamp(let v): return .timestamp(v[i])
        case .string(let v): return .string(v[i])
        case .dictionary(let d): return .string(d.dictionary[Int(d.indices[i])])
        }
    }

    /// Builds a column from `Value`s (convenience for tests and small tables).
    public static func from(_ items: [Value], type: ColumnType) throws -> ColumnVector {
        var validity = [Bool]()
        validity.reserveCapacity(items.count)
        var hasNull = false
        func check(_ ok: Bool, _ v: Value) throws {
            if !ok { throw LakeError.invalidInput("value \(v) does not fit a \(type) column") }
        }
        let vals: Values
        switch type {
        case .boolean:
            var a = [Bool]()
            for v in items { if case .boolean(let x) = v { a.append(x) } else { try check(v == .null, v); a.append(false) } }
            vals = .boolean(a)
        case .int32, .date:
            var a = [Int32]()
            for v in items {
                switch v {
                case .int32(let x) where type == .int32: a.append(x)
                case .date(let x) where type == .date: a.append(x)
                default: try check(v == .null, v); a.append(0)
                }
            }
            vals = type == .date ? .date(a) : .int32(a)
        case .int64:
            var a = [Int64]()
            for v in items { if case .int64(let x) = v { a.append(x) } else { try check(v == .null, v); a.append(0) } }
            vals = .int64(a)
        case .decimal:
            var a = [Int64]()
            for v in items { if case .decimal(let x) = v { a.append(x) } else { try check(v == .null, v); a.append(0) } }
            vals = .decimal(a)
        case .timestamp:
            var a = [Int64]()
            for v in items { if case .timestamp(let x) = v { a.append(x) } else { try check(v == .null, v); a.append(0) } }
            vals = .timestamp(a)
        case .double:
            var a = [Double]()
            for v in items { if case .double(let x) = v { a.append(x) } else { try check(v == .null, v); a.append(0) } }
            vals = .double(a)
        case .string:
            var a = StringArray()
            for v in items { if case .string(let x) = v { a.append(x) } else { try check(v == .null, v); a.appendEmpty() } }
            vals = .string(a)
        }
        for v in items {
            validity.append(v != .null)
            if v == .null { hasNull = true }
        }
        return ColumnVector(vals, validity: hasNull ? validity : nil)
    }
}

/// One value of any column type; used for statistics, predicates and printing.
public enum Value: Sendable, Equatable, Hashable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case int32(Int32)
    case int64(Int64)
    case double(Double)
    /// A DECIMAL(18,2) amount in cents.
    case decimal(Int64)
    case date(Int32)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)
    case string(String)

    public var description: String {
        switch self {
        case .null: return "null"
        case .boolean(let b): return String(b)
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .double(let v): return "\(v)"
        case .decimal(let c): return Cents.text(c)
        case .date(let d): return DateFormatting.iso(days: d)
        case .timestamp(let t): return DateFormatting.iso(microseconds: t)
        case .string(let s): return s
        }
    }

    /// Total order used for pruning: numbers compare numerically, strings byte-wise (UTF-8).
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return cmp(x ? 1 : 0, y ? 1 : 0)
        case (.int32(let x), .int32(let y)), (.date(let x), .date(let y)): return cmp(x, y)
        case (.int64(let x), .int64(let y)): return cmp(x, y)
        case (.int32(let x), .int64(let y)): return cmp(Int64(x), y)
        case (.int64(let x), .int32(let y)): return cmp(x, Int64(y))
        case (.decimal(let x), .decimal(let y)), (.timestamp(let x), .timestamp(let y)): return cmp(x, y)
        case (.double(let x), .double(let y)): return x.isNaN || y.isNaN ? nil : cmp(x, y)
        case (.string(let x), .string(let y)): return ByteOrder.compare(Array(x.utf8), Array(y.utf8))
        default: return nil
        }
    }
}

/// Calendar conversion for DATE columns (proleptic Gregorian, days since 1970-01-01).
public enum DateFormatting {
    /// "YYYY-MM-DD" for a day number; years outside 0…9999 keep their sign and digits.
    public static func iso(days: Int32) -> String {
        let (y, m, d) = civil(days: Int64(days))
        let ys = y < 0 ? "-" + pad(-y, 4) : pad(y, 4)
        return "\(ys)-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC) for microseconds since the epoch; the fraction is
    /// dropped when it is zero, as ISO 8601 readers (DuckDB, pandas, JavaScript) all accept.
    public static func iso(microseconds: Int64) -> String {
        let perDay: Int64 = 86_400_000_000
        // Floor division; every Int64 of microseconds is within ±106,751,992 days (fits Int32).
        var day = microseconds / perDay, within = microseconds % perDay
        if within < 0 { day -= 1; within += perDay }
        let seconds = within / 1_000_000, fraction = within % 1_000_000
        let clock = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        return "\(iso(days: Int32(day)))T\(clock)\(fraction == 0 ? "" : "." + pad(fraction, 6))Z"
    }

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm, restated).
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ v: Int64, _ n: Int) -> String {
        let s = String(v)
        return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
    }
}

/// Unsigned byte-wise comparison: the Parquet order for UTF-8 strings.
enum ByteOrder {
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmpBytes(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
    }

    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in compare(x, y) } }
    }
}
