#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive, non-blocking `flock` on `<table>/_lock`. The kernel drops it when the holder
/// dies (even by SIGKILL), so a crash never leaves a stale lock; the file's text names the
/// holder for the error message.
final class TableLock {
    let path: String
    private var fd: Int32

    init(path: String, table: String) throws {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LakeError.io(path: path, operation: "open lock file", reason: errnoText()) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            let reason = errnoText()
            var buf = [UInt8](repeating: 0, count: 256)
            let n = pread(fd, &buf, 256, 0)
            _ = close(fd)
            fd = -1
            if busy {
                let holder = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).trimmingNewlines : "unknown process"
                throw LakeError.locked(table: table, holder: holder)
            }
            throw LakeError.io(path: path, operation: "lock", reason: reason)
        }
        let note = Array("pid \(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, note, note.count, 0)
    }

    func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        _ = close(fd)
        fd = -1
    }

    deinit { release() }
}

extension String {
    var trimmingNewlines: String {
        var s = self
        while s.last == "\n" || s.last == "\r" || s.last == "\0" { s.removeLast() }
        return s
    }
}
