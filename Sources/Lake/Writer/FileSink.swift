#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Digests
import RxCore

/// A file opened for writing with a byte counter, so the writer knows every offset.
final class FileSink {
    let path: String
    private var fd: Int32
    private(set) var offset = 0
    /// SHA-256 of everything written, for the table manifest.
    private var hasher = SHA256()

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LakeError.io(path: path, operation: "create", reason: errnoText()) }
    }

    deinit { if fd >= 0 { _ = Glibc.close(fd) } }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw LakeError.io(path: path, operation: "write", reason: errnoText())
                }
                done += n
            }
        }
        offset += bytes.count
        hasher.update(data: bytes)
    }

    /// Hex SHA-256 of the bytes written so far.
    var sha256: String { Hex.string(hasher.finalize()) }

    /// Flushes to stable storage (before a commit renames the file into place) and closes.
    func close(sync: Bool) throws {
        guard fd >= 0 else { return }
        if sync && fsync(fd) != 0 { throw LakeError.io(path: path, operation: "fsync", reason: errnoText()) }
        let rc = Glibc.close(fd)
        fd = -1
        if rc != 0 { throw LakeError.io(path: path, operation: "close", reason: errnoText()) }
    }
}

extension String {
    /// Two lowercase hex digits.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
