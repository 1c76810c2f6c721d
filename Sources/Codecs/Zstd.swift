import CZstd

/// One-shot zstd, for buffers whose decompressed size is known (Parquet pages carry it).
///
/// The corresponding C functions are `ZSTD_compress` and `ZSTD_decompress`.
public enum Zstd {
    /// Compresses `input` as one zstd frame at `level` (1…22; 3 is zstd's default).
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 3) throws -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { out in
            ZSTD_compress(out.baseAddress, bound, input.baseAddress, input.count, level)
        }
        try check(written, "compress")
        output.removeSubrange(written...)
        return output
    }

    public static func compress(_ input: [UInt8], level: Int32 = 3) throws -> [UInt8] {
        try input.withUnsafeBytes { try compress($0, level: level) }
    }

    /// Decompresses a buffer that must expand to exactly `expectedSize` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws -> [UInt8] {
        // zstd writes every byte it reports, so the buffer needs no zero-filling first.
        var failure: CodecError?
        // Capacity at least 1: with 0 the standard library writes into its shared empty storage (a
        // race ThreadSanitizer reports).
        let output = [UInt8](unsafeUninitializedCapacity: max(expectedSize, 1)) { buffer, initialized in
            let produced = ZSTD_decompress(buffer.baseAddress, expectedSize, input.baseAddress, input.count)
            if ZSTD_isError(produced) != 0 {
                failure = .zstd(operation: "decompress", reason: String(cString: ZSTD_getErrorName(produced)))
                initialized = 0
            } else if produced != expectedSize {
                failure = .sizeMismatch(codec: "zstd", expected: expectedSize, actual: produced)
                initialized = 0
            } else {
                initialized = produced
            }
        }
        if let failure { throw failure }
        return output
    }

    public static func decompress(_ input: [UInt8], expectedSize: Int) throws -> [UInt8] {
        try input.withUnsafeBytes { try decompress($0, expectedSize: expectedSize) }
    }

    /// True when `prefix` starts with the zstd frame magic number (28 B5 2F FD).
    public static func hasMagic<C: Collection<UInt8>>(_ prefix: C) -> Bool {
        Array(prefix.prefix(4)) == [0x28, 0xB5, 0x2F, 0xFD]
    }

    static func check(_ code: Int, _ operation: String) throws {
        if ZSTD_isError(code) != 0 {
            throw CodecError.zstd(operation: operation, reason: String(cString: ZSTD_getErrorName(code)))
        }
    }
}

/// Streaming zstd compression into a sink; memory is one output buffer whatever the input size.
///
/// The corresponding C function is `ZSTD_compressStream2`.
public final class ZstdCompressor: ByteSink {
    private let context: OpaquePointer
    private let sink: ByteSink
    private var buffer: [UInt8]
    private var finished = false

    public init(into sink: ByteSink, level: Int32 = 3, workers: Int32 = 0) throws {
        guard let context = ZSTD_createCCtx() else { throw CodecError.zstd(operation: "create context", reason: "out of memory") }
        self.context = context
        self.sink = sink
        self.buffer = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())
        try Zstd.check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level), "set level")
        try Zstd.check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1), "set checksum")
        if workers > 0 {
            // Multi-threaded compression is optional in libzstd builds; ignore a refusal.
            _ = ZSTD_CCtx_setParameter(context, ZSTD_c_nbWorkers, workers)
        }
    }

    deinit { ZSTD_freeCCtx(context) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!finished, "write after finish")
        try pump(bytes, directive: ZSTD_e_continue)
    }

    /// Ends the frame and flushes everything to the sink.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        try pump(UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end)
    }

    private func pump(_ bytes: UnsafeRawBufferPointer, directive: ZSTD_EndDirective) throws {
        var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        let capacity = buffer.count
        while true {
            var remaining = 0
            let produced: Int = try buffer.withUnsafeMutableBytes { out in
                var output = ZSTD_outBuffer(dst: out.baseAddress, size: capacity, pos: 0)
                remaining = ZSTD_compressStream2(context, &output, &input, directive)
                try Zstd.check(remaining, "compress")
                return output.pos
            }
            if produced > 0 { try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            let inputDone = input.pos == input.size
            if directive == ZSTD_e_continue ? inputDone : remaining == 0 { return }
        }
    }
}

/// Streaming zstd decompression into a sink; accepts concatenated frames.
///
/// The corresponding C function is `ZSTD_decompressStream`.
public final class ZstdDecompressor: ByteSink {
    private let context: OpaquePointer
    private let sink: ByteSink
    private var buffer: [UInt8]
    private var lastHint = 0

    public init(into sink: ByteSink) throws {
        guard let context = ZSTD_createDCtx() else { throw CodecError.zstd(operation: "create context", reason: "out of memory") }
        self.context = context
        self.sink = sink
        self.buffer = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
    }

    deinit { ZSTD_freeDCtx(context) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        let capacity = buffer.count
        while true {
            var full = false
            let produced: Int = try buffer.withUnsafeMutableBytes { out in
                var output = ZSTD_outBuffer(dst: out.baseAddress, size: capacity, pos: 0)
                lastHint = ZSTD_decompressStream(context, &output, &input)
                try Zstd.check(lastHint, "decompress")
                full = output.pos == capacity
                return output.pos
            }
            if produced > 0 { try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            if input.pos == input.size && !full { return }
        }
    }

    /// Confirms the input ended on a frame boundary.
    public func finish() throws {
        if lastHint != 0 { throw CodecError.truncated(codec: "zstd") }
    }
}
