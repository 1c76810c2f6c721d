import Lake

/// A cell of a curated table as the diff keeps it: a number (money in dollars), a text, or
/// missing. Encodes as a plain JSON number, string or null.
public enum DiffValue: Codable, Sendable, Equatable {
    case number(Double)
    case text(String)
    case null

    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .boolean(let b): self = .text(b ? "yes" : "no")
        case .int32(let v): self = .number(Double(v))
        case .int64(let v): self = .number(Double(v))
        case .double(let v): self = v.isFinite ? .number(v) : .null
        case .decimal(let cents): self = .number(Cents.double(cents))
        case .string(let s): self = .text(s)
        case .date, .timestamp: self = .text(value.description)
        }
    }

    public var number: Double? {
        if case .number(let v) = self { return v }
        return nil
    }

    /// The value as a key part: text as is, whole numbers without decimals.
    var keyText: String {
        switch self {
        case .null: return ""
        case .text(let s): return s
        case .number(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let v = try? c.decode(Double.self) { self = .number(v) } else { self = .text(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .number(let v): try c.encode(v)
        case .text(let s): try c.encode(s)
        }
    }
}
