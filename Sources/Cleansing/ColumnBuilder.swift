import Lake

/// Accumulates one output column row by row (values plus validity), then yields a
/// `ColumnVector`. The validity array is only attached when a null was appended.
struct ColumnBuilder {
    enum Storage {
        case boolean([Bool])
        case int32([Int32])
        case int64([Int64])
        case double([Double])
        case decimal([Int64])
        case string(StringArray)
    }

    private(set) var storage: Storage
    private var validity: [Bool] = []
    private var hasNull = false

    init(_ type: ColumnType) {
        switch type {
        case .boolean: storage = .boolean([])
        case .int32, .date: storage = .int32([])
        case .int64: storage = .int64([])
        case .double: storage = .double([])
        case .decimal: storage = .decimal([])
        case .string: storage = .string(StringArray())
        case .timestamp: preconditionFailure("the cleansed schemas hold no timestamp column")
        }
    }

    var count: Int { validity.count }

    mutating func append(int64 v: Int64?) {
        guard case .int64(var a) = storage else { preconditionFailure("int64 into another column type") }
        storage = .boolean([])
        a.append(v ?? 0)
        storage = .int64(a)
        mark(v != nil)
    }

    mutating func append(int32 v: Int32?) {
        guard case .int32(var a) = storage else { preconditionFailure("int32 into another column type") }
        storage = .boolean([])
        a.append(v ?? 0)
        storage = .int32(a)
        mark(v != nil)
    }

    mutating func append(double v: Double?) {
        guard case .double(var a) = storage else { preconditionFailure("double into another column type") }
        storage = .boolean([])
        a.append(v ?? 0)
        storage = .double(a)
        mark(v != nil)
    }

    mutating func append(bool v: Bool?) {
        guard case .boolean(var a) = storage else { preconditionFailure("boolean into another column type") }
        storage = .int32([])
        a.append(v ?? false)
        storage = .boolean(a)
        mark(v != nil)
    }

    mutating func append(string v: String?) {
        guard case .string(var a) = storage else { preconditionFailure("string into another column type") }
        storage = .boolean([])
        if let v { a.append(v) } else { a.appendEmpty() }
        storage = .string(a)
        mark(v != nil)
    }

    private mutating func mark(_ valid: Bool) {
        validity.append(valid)
        if !valid { hasNull = true }
    }

    /// The column so far; the builder starts again empty.
    mutating func take() -> ColumnVector {
        let values: ColumnVector.Values
        switch storage {
        case .boolean(let a): values = .boolean(a); storage = .boolean([])
        case .int32(let a): values = .int32(a); storage = .int32([])
        case .int64(let a): values = .int64(a); storage = .int64([])
        case .double(let a): values = .double(a); storage = .double([])
        case .decimal(let a): values = .decimal(a); storage = .decimal([])
        case .string(let a): values = .string(a); storage = .string(StringArray())
        }
        let vector = ColumnVector(values, validity: hasNull ? validity : nil)
        validity = []
        hasNull = false
        return vector
    }
}
