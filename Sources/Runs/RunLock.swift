import Foundation
import RxCore

#if canImport(Glibc)
    import Glibc
#endif

/// One `rxpipe run` per lake: an exclusive `flock` on `<lake>/_run.lock`. The kernel drops the
/// lock when its holder dies (even by SIGKILL); the file still names the dead holder, which is
/// how a stale lock is detected and reported when the next run takes it over.
public final class RunLock {
    public var path: String { lock.path }
    /// The holder recorded in the file when this process took the lock after a dead one.
    public let clearedStaleHolder: String?
    private let lock: LockFile

    public init(lakeRoot: String) throws(RunError) {
        try? FileManager.default.createDirectory(atPath: lakeRoot, withIntermediateDirectories: true)
        do {
            lock = try LockFile(path: lakeRoot + "/_run.lock", wait: false)
        } catch {
            switch error {
            case .busy(let holder): throw .locked(lake: lakeRoot, holder: holder)
            case .io(let path, let reason): throw .io(path: path, reason: reason)
            }
        }
        clearedStaleHolder = lock.previousNote.isEmpty ? nil : lock.previousNote
    }

    /// Releases the lock and empties the file (an empty file means the last run ended cleanly).
    public func release() { lock.release() }
}
