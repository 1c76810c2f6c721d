import Dispatch
import Foundation

/// Runs `body(0..<count)` on all cores (GCD spreads the iterations over the 2 cores here).
func concurrentForEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
    if count == 1 { body(0); return }
    if count > 1 { DispatchQueue.concurrentPerform(iterations: count, execute: body) }
}
