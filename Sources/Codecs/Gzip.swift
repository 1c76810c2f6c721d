import CZlib

/// Streaming gzip compression (RFC 1952) into a sink.
///
/// The corresponding C functions are `deflateInit2` and `deflate`.
public final class GzipCompressor: ByteSink {
    /// zlib keeps a back-pointer to its stream, so the stream needs a stable address.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let sink: ByteSink
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var finished = false

    public init(into sink: ByteSink, level: Int32 = 6) throws {
        self.sink = sink
        let code = { stream.initialize(to: z_stream()); return rx_deflate_init_gzip(stream, level) }()
        guard code == Z_OK else { throw CodecError.zlib(operation: "init", reason: zlibReason(code, nil)) }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!finished, "write after finish")
        try pump(bytes, flush: Z_NO_FLUSH)
    }

    /// Writes the gzip trailer; the sink then holds a complete member.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        try pump(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
    }

    private func pump(_ bytes: UnsafeRawBufferPointer, flush: Int32) throws {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        let capacity = buffer.count
        while true {
            var code: Int32 = Z_OK
            let produced: Int = buffer.withUnsafeMutableBytes { out in
                stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(capacity)
                code = deflate(stream, flush)
                return capacity - Int(stream.pointee.avail_out)
            }
            guard code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR else {
                throw CodecError.zlib(operation: "compress", reason: zlibReason(code, stream.pointee.msg))
            }
            if produced > 0 { try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            if flush == Z_FINISH {
                if code == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0 && produced < capacity {
                return
            }
        }
    }
}

/// Streaming gzip (or zlib) decompression into a sink; handles concatenated gzip members.
///
/// The corresponding C functions are `inflateInit2` and `inflate`.
public final class GzipDecompressor: ByteSink {
    /// zlib keeps a back-pointer to its stream, so the stream needs a stable address.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let sink: ByteSink
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var inMember = false

    public init(into sink: ByteSink) throws {
        self.sink = sink
        let code = { stream.initialize(to: z_stream()); return rx_inflate_init_auto(stream) }()
        guard code == Z_OK else { throw CodecError.zlib(operation: "init", reason: zlibReason(code, nil)) }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        let capacity = buffer.count
        while stream.pointee.avail_in > 0 || inMember {
            inMember = true
            var code: Int32 = Z_OK
            let produced: Int = buffer.withUnsafeMutableBytes { out in
                stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(capacity)
                code = inflate(stream, Z_NO_FLUSH)
                return capacity - Int(stream.pointee.avail_out)
            }
            if produced > 0 { try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            switch code {
            case Z_STREAM_END:
                inMember = false
                inflateReset(stream)
            case Z_OK:
                if stream.pointee.avail_in == 0 && produced < capacity { return }
            case Z_BUF_ERROR:
                return  // needs more input
            default:
                throw CodecError.zlib(operation: "decompress", reason: zlibReason(code, stream.pointee.msg))
            }
        }
    }

    /// Confirms the input ended on a member boundary.
    public func finish() throws {
        if inMember { throw CodecError.truncated(codec: "gzip") }
    }
}

/// One-shot gzip helpers.
public enum Gzip {
    public static func compress(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        let sink = MemorySink()
        let compressor = try GzipCompressor(into: sink, level: level)
        try input.withUnsafeBytes { try compressor.write($0) }
        try compressor.finish()
        return sink.bytes
    }

    public static func decompress(_ input: [UInt8]) throws -> [UInt8] {
        let sink = MemorySink()
        let decompressor = try GzipDecompressor(into: sink)
        try input.withUnsafeBytes { try decompressor.write($0) }
        try decompressor.finish()
        return sink.bytes
    }

    /// True when `prefix` starts with the gzip magic bytes (1F 8B).
    public static func hasMagic<C: Collection<UInt8>>(_ prefix: C) -> Bool {
        Array(prefix.prefix(2)) == [0x1F, 0x8B]
    }
}

private func zlibReason(_ code: Int32, _ message: UnsafePointer<CChar>?) -> String {
    if let message { return String(cString: message) }
    switch code {
    case Z_MEM_ERROR: return "out of memory"
    case Z_DATA_ERROR: return "invalid or corrupt data"
    case Z_STREAM_ERROR: return "invalid stream state"
    case Z_VERSION_ERROR: return "incompatible zlib version"
    default: return "zlib error \(code)"
    }
}
