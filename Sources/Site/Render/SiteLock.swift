import Foundation
import RxCore

#if canImport(Glibc)
    import Glibc
#endif

/// One writer or reader of a site directory at a time: an exclusive `flock` on
/// `<parent>/.<site>.lock`, held by a render while it writes its staging tree and swaps it in,
/// and by a publish while it reads the site — so a publish ships one render's files, never a
/// mix of two. The kernel drops the lock when its holder dies. A second holder waits.
public final class SiteLock {
    public var path: String { lock.path }
    private let lock: LockFile

    /// Takes the lock, calling `waiting` with the holder's note first when another process has it.
    public init(site directory: String, waiting: (String) -> Void = { _ in }) throws(SiteError) {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let path = parent + "/." + url.lastPathComponent + ".lock"
        do {
            lock = try LockFile(path: path, wait: true, waiting: waiting)
        } catch {
            switch error {
            case .busy(let holder): throw .writeFailed(path: path, reason: "held by \(holder)")
            case .io(_, let reason): throw .writeFailed(path: path, reason: reason)
            }
        }
    }

    public func release() { lock.release() }
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
