/// A failure inside a compression library, with the library's own words.
public enum CodecError: Error, Equatable, CustomStringConvertible {
    /// zstd refused the input or the parameters; `reason` is `ZSTD_getErrorName`.
    case zstd(operation: String, reason: String)
    /// zlib refused the input or ran out of memory; `reason` is zlib's `msg` or the return code.
    case zlib(operation: String, reason: String)
    /// The compressed data ended before its frame was complete.
    case truncated(codec: String)
    /// The decompressed size differs from the size the caller was promised (e.g. a Parquet page header).
    case sizeMismatch(codec: String, expected: Int, actual: Int)

    public var description: String {
        switch self {
        case .zstd(let op, let reason): return "zstd \(op) failed: \(reason)"
        case .zlib(let op, let reason): return "gzip \(op) failed: \(reason)"
        case .truncated(let codec): return "\(codec) data is truncated: the stream ended inside a frame"
        case .sizeMismatch(let codec, let expected, let actual):
            return "\(codec) data decompressed to \(actual) bytes, expected \(expected)"
        }
    }
}

/// Something that consumes bytes in order: a file, a buffer, the next codec.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Collects everything written into memory.
public final class MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func write(_ buffer: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: buffer) }
    /// Hands over what has been written so far and starts empty again.
    public func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}
