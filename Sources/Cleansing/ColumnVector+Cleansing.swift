import Lake

extension ColumnVector {
    /// Joins columns of one type end to end (dictionary strings are expanded).
    static func joined(_ parts: [ColumnVector]) -> ColumnVector {
        if parts.count == 1 { return parts[0].materialized() }
        let parts = parts.map { $0.materialized() }
        let hasNull = parts.contains { $0.validity != nil }
        let validity: [Bool]? = hasNull ? parts.flatMap { $0.validity ?? Array(repeating: true, count: $0.count) } : nil
        switch parts.first?.values {
        case .boolean?: return ColumnVector(.boolean(parts.flatMap { if case .boolean(let a) = $0.values { return a }; return [] }), validity: validity)
        case .int32?: return ColumnVector(.int32(parts.flatMap { if case .int32(let a) = $0.values { return a }; return [] }), validity: validity)
        case .date?: return ColumnVector(.date(parts.flatMap { if case .date(let a) = $0.values { return a }; return [] }), validity: validity)
        case .int64?: return ColumnVector(.int64(parts.flatMap { if case .int64(let a) = $0.values { return a }; return [] }), validity: validity)
        case .decimal?: return ColumnVector(.decimal(parts.flatMap { if case .decimal(let a) = $0.values { return a }; return [] }), validity: validity)
        case .timestamp?: return ColumnVector(.timestamp(parts.flatMap { if case .timestamp(let a) = $0.values { return a }; return [] }), validity: validity)
        case .double?: return ColumnVector(.double(parts.flatMap { if case .double(let a) = $0.values { return a }; return [] }), validity: validity)
        case .string?, .dictionary?:
            var offsets: [Int32] = [0]
            var bytes: [UInt8] = []
            for p in parts {
                guard case .string(let s) = p.values else { continue }
                let base = Int32(bytes.count)
                bytes += s.bytes
                offsets += s.offsets.dropFirst().map { $0 + base }
            }
            return ColumnVector(.string(StringArray(offsets: offsets, bytes: bytes)), validity: validity)
        case nil:
            return ColumnVector(.int64([]))
        }
    }

    /// Int64 values of an integer column (int32 widened) plus validity.
    func int64Values() -> [Int64]? {
        switch values {
        case .int64(let a): return a
        case .int32(let a): return a.map(Int64.init)
        default: return nil
        }
    }

    func doubleValues() -> [Double]? {
        switch values {
        case .double(let a): return a
        case .int64(let a): return a.map(Double.init)
        case .int32(let a): return a.map(Double.init)
        default: return nil
        }
    }

    /// Money in cents: a DECIMAL(18,2) column as stored; a double column (a raw zone written
    /// before money was exact) rounded to the cent; integers as whole dollars.
    func centsValues() -> [Int64]? {
        switch values {
        case .decimal(let a): return a
        case .double(let a): return a.map { Cents.rounding($0) ?? 0 }
        case .int64(let a): return a.map { $0 &* 100 }
        case .int32(let a): return a.map { Int64($0) * 100 }
        default: return nil
        }
    }

    /// The original value of row `i` as text (nil for null): what quarantine keeps.
    func text(at i: Int) -> String? {
        let v = value(at: i)
        return v == .null ? nil : v.description
    }
}
