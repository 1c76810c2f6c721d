import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One `rxpipe run` per lake: an exclusive `flock` on `<lake>/_run.lock`. The kernel drops the
/// lock when its holder dies (even by SIGKILL); the file still names the dead holder, which is
/// how a stale lock is detected and reported when the next run takes it over.
public final class RunLock {
    public let path: String
    /// The holder recorded in the file when this process took the lock after a dead one.
    public private(set) var clearedStaleHolder: String?
    private var fd: Int32

    public init(lakeRoot: String) throws(RunError) {
        try? FileManager.default.createDirectory(atPath: lakeRoot, withIntermediateDirectories: true)
        path = lakeRoot + "/_run.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, buffer.count, 0)
        let recorded = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(fd)
            fd = -1
            if busy { throw .locked(lake: lakeRoot, holder: recorded.isEmpty ? "unknown process" : recorded) }
            throw .io(path: path, reason: reason)
        }
        if !recorded.isEmpty { clearedStaleHolder = recorded }
        let note = Array("pid \(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, note, note.count, 0)
    }

    /// Releases the lock and empties the file (an empty file means the last run ended cleanly).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
