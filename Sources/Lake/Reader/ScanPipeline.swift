import Foundation

/// Decodes the (row group, column) chunks of a scan on worker threads, in file order, while
/// the caller's body handles the row groups already decoded.
///
/// A window barrier (decode W row groups, wait for the slowest chunk, deliver, repeat) left
/// cores idle behind every straggler and while the body ran. Here workers claim chunks one
/// by one and never wait for each other; a chunk of row group `g` is started only while
/// `g < released + window`, where `released` counts the row groups whose body call has
/// returned, so at most `window` row groups (the one in the body included) are held in
/// memory. Batches are delivered in order, and an error is thrown when its row group's turn
/// comes (the first failing column of that row group), as a sequential read would.
/// Unchecked: the window of decoded row groups is read and written under its NSCondition.
final class ScanPipeline: @unchecked Sendable {
    typealias Decode = @Sendable (_ rowGroup: Int, _ column: Int) throws -> ColumnVector

    private let condition = NSCondition()
    private let groups: [Int]
    private let columns: Int
    private let window: Int
    private let decode: Decode
    // Guarded by `condition`.
    private var next = 0
    private var released = 0
    private var pending: [Int]
    private var results: [Result<ColumnVector, any Error>?]
    private var stopped = false
    private var running = 0

    /// `columns` chunks per row group; `decode(g, k)` decodes column `k` (projected
    /// position) of row group `groups[g]`.
    init(groups: [Int], columns: Int, window: Int, decode: @escaping Decode) {
        self.groups = groups
        self.columns = columns
        self.window = max(1, window)
        self.decode = decode
        pending = Array(repeating: columns, count: groups.count)
        results = Array(repeating: nil, count: groups.count * columns)
    }

    /// Runs the workers and calls `body` with the decoded columns of each row group, in order.
    func run(workers requested: Int, _ body: (Int, [ColumnVector]) throws -> Void) throws {
        let total = groups.count * columns
        guard total > 0 else { return }
        let workers = max(1, min(requested, total))
        condition.lock()
        running = workers
        condition.unlock()
        for _ in 0..<workers {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
        }
        defer { stopAndWait() }
        for g in groups.indices {
            condition.lock()
            while pending[g] > 0 { condition.wait() }
            // Take the results out, so the batch is freed as soon as the body is done with it.
            var slots = [Result<ColumnVector, any Error>]()
            slots.reserveCapacity(columns)
            for t in g * columns..<(g + 1) * columns {
                slots.append(results[t]!)
                results[t] = nil
            }
            condition.unlock()
            let vectors = try slots.map { try $0.get() }
            try body(g, vectors)
            condition.lock()
            released = g + 1
            condition.broadcast()
            condition.unlock()
        }
    }

    private func work() {
        let total = groups.count * columns
        condition.lock()
        while true {
            while !stopped && next < total && next / columns >= released + window { condition.wait() }
            if stopped || next >= total { break }
            let t = next
            next += 1
            condition.unlock()
            let g = t / columns
            let r = Result { try decode(groups[g], t % columns) }
            condition.lock()
            results[t] = r
            pending[g] -= 1
            if pending[g] == 0 { condition.broadcast() }
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Stops claiming new chunks and waits until every worker has left, so nothing decodes
    /// after `run` returns (or throws).
    private func stopAndWait() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        results = []
        condition.unlock()
    }
}
