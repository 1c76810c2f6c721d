import Dispatch

/// Runs `body(0..<count)` on the machine's cores when `parallel` and there is more than one
/// item; used to encode or decode the columns of a row group at once.
enum Parallel {
    static func forEach(_ count: Int, parallel: Bool, _ body: @Sendable (Int) -> Void) {
        if parallel && count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            for i in 0..<count { body(i) }
        }
    }
}
