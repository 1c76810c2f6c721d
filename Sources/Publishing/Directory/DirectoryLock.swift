import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file beside the target, so two publishes to one directory cannot
/// interleave their staging trees. Released on `release()` (and by the kernel if the process dies).
final class DirectoryLock {
    private var descriptor: Int32

    init(_ url: URL) throws {
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PublishError.directory(path: url.path, step: "create lock file", reason: errnoText())
        }
        guard flock(descriptor, LOCK_EX) == 0 else {
            let reason = errnoText()
            close(descriptor)
            throw PublishError.directory(path: url.path, step: "lock", reason: reason)
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
