#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RxCore

/// A read-only file read with `pread`, so several threads can read column chunks at once.
final class FileSource: Sendable {
    let path: String
    let size: Int
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LakeError.io(path: path, operation: "open", reason: errnoText()) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = errnoText()
            close(fd)
            throw LakeError.io(path: path, operation: "stat", reason: reason)
        }
        self.fd = fd
        self.size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Reads exactly `count` bytes at `offset`; the range must lie inside the file.
    func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw LakeError.corrupt(file: path, reason: "byte range \(offset)..<\(offset &+ count) lies outside the \(size)-byte file")
        }
        // Filled by pread below (no zero-filling first); on failure the array is discarded.
        var failure: LakeError?
        let out = [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buf, initialized in  // ≥ 1: see ColumnChunkDecoder
            var done = 0
            while done < count {
                let n = pread(fd, buf.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .io(path: path, operation: "read", reason: errnoText())
                    break
                }
                if n == 0 {
                    failure = .corrupt(file: path, reason: "file ended at byte \(offset + done) while reading")
                    break
                }
                done += n
            }
            initialized = failure == nil ? count : 0
        }
        if let failure { throw failure }
        return out
    }
}
