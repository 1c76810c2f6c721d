import Synchronization

/// A tiny mutex wrapper for result collection across worker threads.
final class NSLockLike: Sendable {
    private let mutex = Mutex<Void>(())
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        try mutex.withLock { _ in try body() }
    }
}
