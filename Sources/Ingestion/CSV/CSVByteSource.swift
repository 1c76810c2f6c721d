import Codecs
import Foundation

/// The bytes of a CSV file, decompressed on the fly: zstd and gzip are recognised from the
/// first bytes (not the extension), plain files are read in large blocks. A UTF-8 BOM is
/// dropped; UTF-16 and binary files are refused with a clear message.
final class CSVByteSource {
    enum Compression: String, Sendable { case none, zstd, gzip }

    let file: String
    private(set) var compression: Compression = .none
    private let descriptor: Int32
    private var pending: [UInt8] = []
    private var decoder: (ByteSink & Finishable)?
    private let decoded = MemorySink()
    private var finished = false
    private var first = true
    private let readSize: Int

    init(path: String, readSize: Int = 4 << 20) throws {
        file = path
        self.readSize = readSize
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CSVError.unreadable(file: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(descriptor) }

    /// The next block of decompressed bytes, or nil at the end.
    func next() throws -> [UInt8]? {
        while !finished {
            var raw = [UInt8](repeating: 0, count: readSize)
            let count = raw.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, readSize) }
            guard count >= 0 else { throw CSVError.unreadable(file: file, reason: String(cString: strerror(errno))) }
            raw.removeSubrange(count...)
            if first {
                first = false
                try detect(raw)
            }
            if count == 0 {
                finished = true
                do { try decoder?.finish() } catch { throw CSVError.decompression(file: file, reason: "\(error)") }
            }
            var output: [UInt8]
            if let decoder {
                do { try raw.withUnsafeBytes { try decoder.write($0) } } catch {
                    throw CSVError.decompression(file: file, reason: "\(error)")
                }
                output = decoded.take()
            } else {
                output = raw
            }
            if !pending.isEmpty {
                output = pending + output
                pending = []
            }
            if !output.isEmpty { return output }
        }
        return nil
    }

    private func detect(_ head: [UInt8]) throws {
        if Zstd.hasMagic(head) {
            compression = .zstd
            decoder = try ZstdDecompressor(into: decoded)
        } else if Gzip.hasMagic(head) {
            compression = .gzip
            decoder = try GzipDecompressor(into: decoded)
        }
    }
}

/// A streaming decoder that can tell whether its input ended cleanly.
protocol Finishable { func finish() throws }
extension ZstdDecompressor: Finishable {}
extension GzipDecompressor: Finishable {}

