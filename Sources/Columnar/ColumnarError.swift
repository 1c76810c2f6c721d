/// Failures of the columnar operators: a column of an unexpected type, or inputs that do not line up.
public enum ColumnarError: Error, Equatable, CustomStringConvertible {
    case wrongType(expected: String, found: String)
    case lengthMismatch(String)
    /// An exact (integer or money) sum beyond the Int64 range.
    case overflow(String)

    public var description: String {
        switch self {
        case .wrongType(let expected, let found): return "expected a \(expected) column, found \(found)"
        case .lengthMismatch(let what): return "columns of different lengths: \(what)"
        case .overflow(let what): return "\(what) overflows a 64-bit sum"
        }
    }
}
