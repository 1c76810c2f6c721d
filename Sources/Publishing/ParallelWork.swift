import Foundation

/// Runs `body` over `items` on up to `width` threads; stops handing out work at the first error
/// and rethrows it after the running items finish.
public func parallelForEach<T: Sendable>(_ items: [T], width: Int, _ body: @escaping @Sendable (T) throws -> Void) throws {
    if items.isEmpty { return }
    let state = WorkState()
    let group = DispatchGroup()
    for _ in 0..<max(1, min(width, items.count)) {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            while let index = state.next(limit: items.count) {
                do {
                    try body(items[index])
                } catch {
                    state.fail(error)
                }
            }
        }
    }
    group.wait()
    if let error = state.error { throw error }
}

/// Unchecked: the next index and the first error are read and written under its NSLock.
private final class WorkState: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private(set) var error: Error?

    func next(limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, cursor < limit else { return nil }
        cursor += 1
        return cursor - 1
    }

    func fail(_ error: Error) {
        lock.lock()
        if self.error == nil { self.error = error }
        lock.unlock()
    }
}
