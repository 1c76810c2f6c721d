import Dispatch

/// Runs write jobs one at a time on a background thread, so the next CSV blocks are split
/// and parsed while the previous batch is assembled, encoded and written (without it a core
/// idled during each serial step). `submit` first waits for the job before it — at most one
/// batch is in flight — and rethrows its error.
/// Unchecked: its serial queue runs one job at a time and `submit` waits for the previous job before touching the shared error.
final class BackgroundWriter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "rxpipe.ingest.writer")
    private let group = DispatchGroup()
    /// Set by a job before it leaves the group; read only after waiting on the group.
    private var failure: (any Error)?

    func submit(_ job: @escaping @Sendable () throws -> Void) throws {
        try finish()
        group.enter()
        queue.async {
            do { try job() } catch { self.failure = error }
            self.group.leave()
        }
    }

    /// Waits for the job in flight; rethrows its error.
    func finish() throws {
        group.wait()
        if let failure { throw failure }
    }
}

/// Carries values used by one thread at a time into a background job.
/// Unchecked: the sender stops using the value once handed; one thread at a time.
struct Handed<Value>: @unchecked Sendable {
    let value: Value
}
