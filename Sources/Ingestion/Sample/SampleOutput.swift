import Codecs
import Foundation

/// A sample file being written: plain, zstd or gzip, into a temporary name renamed into place
/// at the end, so a reader never sees half a file.
final class SampleOutput {
    private let path: String
    private let temporaryPath: String
    private let file: FileSink
    private let compressor: ByteSink?
    private let finishCompressor: (() throws -> Void)?

    init(path: String, compression: SampleCompression) throws {
        self.path = path
        temporaryPath = path + ".partial"
        file = try FileSink(path: temporaryPath)
        switch compression {
        case .none:
            compressor = nil
            finishCompressor = nil
        case .zstd:
            let zstd = try ZstdCompressor(into: file, level: 3)
            compressor = zstd
            finishCompressor = zstd.finish
        case .gzip:
            let gzip = try GzipCompressor(into: file, level: 6)
            compressor = gzip
            finishCompressor = gzip.finish
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            if let compressor { try compressor.write(buffer) } else { try file.write(buffer) }
        }
    }

    /// Flushes, renames into place and returns the file size.
    func finish() throws -> Int {
        try finishCompressor?()
        try file.flushAll()
        guard rename(temporaryPath, path) == 0 else {
            throw SampleError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        return file.bytesWritten
    }
}

/// Buffered writes to a file descriptor.
final class FileSink: ByteSink {
    private let descriptor: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private(set) var bytesWritten = 0

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SampleError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { if descriptor >= 0 { Foundation.close(descriptor) } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.count >= 1 << 20 {
            // Large writes go straight to the file instead of through the buffer.
            try flush()
            try writeAll(bytes)
            bytesWritten += bytes.count
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            guard written > 0 else { throw SampleError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            offset += written
        }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes out what is buffered. No fsync: a sample can be regenerated, and the rename
    /// already keeps readers from seeing a partial file.
    func flushAll() throws {
        try flush()
    }
}
