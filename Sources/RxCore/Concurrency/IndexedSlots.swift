import Foundation

/// Results of concurrent work, one slot per index, each written once by the worker that
/// owns the index and read after the work is done (or, with `take`, in order while later
/// slots are still being filled).
/// Unchecked: slots and the next index are guarded by its NSLock.
public final class IndexedSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: T) {
        lock.withLock { slots[index] = value }
    }

    /// The value at `index`; it must have been set.
    public func get(_ index: Int) -> T {
        lock.withLock { slots[index]! }
    }

    /// The value at `index`, leaving the slot empty (frees it early).
    public func take(_ index: Int) -> T {
        lock.withLock {
            let value = slots[index]!
            slots[index] = nil
            return value
        }
    }

    /// Every value, in index order; all must have been set.
    public func values() -> [T] {
        lock.withLock { slots.map { $0! } }
    }
}
