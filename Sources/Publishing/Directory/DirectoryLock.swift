import Foundation
import RxCore

/// An exclusive lock on a file beside the target, so two publishes to one directory cannot
/// interleave their staging trees: `LockFile`, waiting for the other publish to end.
final class DirectoryLock {
    private let lock: LockFile

    init(_ url: URL) throws(PublishError) {
        do {
            lock = try LockFile(path: url.path, wait: true)
        } catch {
            switch error {
            case .busy(let holder): throw .directory(path: url.path, step: "lock", reason: "held by \(holder)")
            case .io(_, let reason): throw .directory(path: url.path, step: "lock", reason: reason)
            }
        }
    }

    func release() { lock.release() }
}
