import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One writer or reader of a site directory at a time: an exclusive `flock` on
/// `<parent>/.<site>.lock`, held by a render while it writes its staging tree and swaps it in,
/// and by a publish while it reads the site — so a publish ships one render's files, never a
/// mix of two. The kernel drops the lock when its holder dies. A second holder waits.
public final class SiteLock {
    public let path: String
    private var fd: Int32

    /// Takes the lock, calling `waiting` with the holder's note first when another process has it.
    public init(site directory: String, waiting: (String) -> Void = { _ in }) throws(SiteError) {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        path = parent + "/." + url.lastPathComponent + ".lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw .writeFailed(path: path, reason: reason)
            }
            var buffer = [UInt8](repeating: 0, count: 256)
            let n = pread(fd, &buffer, buffer.count, 0)
            waiting(n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "another process")
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw .writeFailed(path: path, reason: reason)
                }
            }
        }
        let note = Array("pid \(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, note, note.count, 0)
    }

    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}

/// Staging (`.<site>.staging-<pid>`) and swap-out (`<site>.old-<pid>`) folders a killed render
/// left beside the site: removed at the next render, once the site lock is held, when the
/// process that made them is gone.
enum StaleStaging {
    static func remove(beside directory: String) -> [String] {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var removed: [String] = []
        for entry in ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).sorted() {
            let pid: String
            if entry.hasPrefix("." + name + ".staging-") {
                pid = String(entry.dropFirst(name.count + 10))
            } else if entry.hasPrefix(name + ".old-") {
                pid = String(entry.dropFirst(name.count + 5))
            } else {
                continue
            }
            guard let id = Int32(pid), id != getpid(), !alive(id) else { continue }
            if (try? FileManager.default.removeItem(atPath: parent + "/" + entry)) != nil { removed.append(entry) }
        }
        return removed
    }

    /// Whether a process with this id exists (`kill(pid, 0)`; EPERM means it exists).
    static func alive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }
}
