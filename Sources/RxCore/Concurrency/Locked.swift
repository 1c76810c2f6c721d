import Foundation

/// A value behind a lock, for state that several threads share: `withLock` hands the value to
/// one thread at a time. The lock is `NSLock` (a pthread mutex), which ThreadSanitizer
/// understands; `Synchronization.Mutex` parks contended threads with Linux priority-inheritance
/// futexes, which it does not, so every contended use read as a race under
/// `make check-sanitizers`. Unchecked: `value` is touched only inside `withLock`.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
