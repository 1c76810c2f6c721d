import Dispatch
import Foundation

/// Runs `body(0..<count)` on all cores (GCD spreads the iterations over the 2 cores here).
func concurrentForEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
    if count == 1 { body(0); return }
    if count > 1 { DispatchQueue.concurrentPerform(iterations: count, execute: body) }
}

/// Result slots written by concurrent iterations, each index by exactly one writer.
final class Slots<T>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()

    init(count: Int) { items = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        items[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> T {
        lock.lock()
        defer { lock.unlock() }
        return items[i]!
    }
}
