import Lake

/// Typed views of a column for hot loops: the dense values as an array, whatever the
/// physical integer width, with the validity kept beside them.
public enum ColumnAccess {
    /// Values of an int32 or int64 column widened to Int64.
    public static func int64(_ c: ColumnVector) throws -> [Int64] {
        switch c.values {
        case .int64(let a): return a
        case .int32(let a): return a.map { Int64($0) }
        default: throw ColumnarError.wrongType(expected: "integer", found: c.type.description)
        }
    }

    public static func int32(_ c: ColumnVector) throws -> [Int32] {
        switch c.values {
        case .int32(let a): return a
        case .int64(let a):
            var out = [Int32](repeating: 0, count: a.count)
            for i in a.indices {
                guard let v = Int32(exactly: a[i]) else { throw ColumnarError.wrongType(expected: "int32-range integer", found: String(a[i])) }
                out[i] = v
            }
            return out
        default: throw ColumnarError.wrongType(expected: "integer", found: c.type.description)
        }
    }

    public static func double(_ c: ColumnVector) throws -> [Double] {
        switch c.values {
        case .double(let a): return a
        case .int64(let a): return a.map { Double($0) }
        case .int32(let a): return a.map { Double($0) }
        default: throw ColumnarError.wrongType(expected: "double", found: c.type.description)
        }
    }

    /// Cents of a DECIMAL(18,2) money column.
    public static func cents(_ c: ColumnVector) throws -> [Int64] {
        guard case .decimal(let a) = c.values else { throw ColumnarError.wrongType(expected: "decimal(18,2)", found: c.type.description) }
        return a
    }

    public static func boolean(_ c: ColumnVector) throws -> [Bool] {
        guard case .boolean(let a) = c.values else { throw ColumnarError.wrongType(expected: "boolean", found: c.type.description) }
        return a
    }

    /// Strings of a string or dictionary column; nulls become nil.
    public static func strings(_ c: ColumnVector) throws -> [String?] {
        var out = [String?]()
        out.reserveCapacity(c.count)
        switch c.values {
        case .string(let a): for i in 0..<a.count { out.append(c.isNull(i) ? nil : a[i]) }
        case .dictionary(let d):
            let dict = (0..<d.dictionary.count).map { d.dictionary[$0] }
            for i in 0..<d.count { out.append(c.isNull(i) ? nil : dict[Int(d.indices[i])]) }
        default: throw ColumnarError.wrongType(expected: "string", found: c.type.description)
        }
        return out
    }
}
