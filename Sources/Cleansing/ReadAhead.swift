import Foundation
import Lake

/// Decodes the next row groups of a scan on a background thread while the caller works on
/// the current one. Cleanse's rule pass is sequential (source order decides duplicates and
/// votes), so without this the cores sat idle in turn: decode, then rules, then decode.
/// At most `depth` decoded batches wait; an error on either side stops both and is rethrown.
enum ReadAhead {
    static func scan(_ table: LakeTable, options: ReadOptions, depth: Int = 1, _ body: (RowGroupBatch) throws -> Void) throws {
        let channel = Channel(depth: depth)
        let producer = Thread {
            do {
                try table.scan(columns: nil, options: options) { batch in
                    guard channel.put(batch) else { throw CancellationError() }
                }
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
        }
        producer.stackSize = 8 << 20
        producer.start()
        defer { channel.cancel(); channel.waitForProducer() }
        while let batch = try channel.take() { try body(batch) }
    }

    /// A bounded hand-over queue between the decoding thread and the caller.
    /// Unchecked: every field is read and written under its NSCondition.
    private final class Channel: @unchecked Sendable {
        private let condition = NSCondition()
        private var queue: [RowGroupBatch] = []
        private let depth: Int
        private var finished = false
        private var failure: (any Error)?
        private var cancelled = false
        private var producerDone = false

        init(depth: Int) { self.depth = max(1, depth) }

        /// Waits for room; false when the consumer has stopped.
        func put(_ batch: RowGroupBatch) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while queue.count >= depth && !cancelled { condition.wait() }
            if cancelled { return false }
            queue.append(batch)
            condition.broadcast()
            return true
        }

        func finish(_ error: (any Error)?) {
            condition.lock()
            if !(error is CancellationError) { failure = error }
            finished = true
            producerDone = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next batch, nil at the end; rethrows the producer's error.
        func take() throws -> RowGroupBatch? {
            condition.lock()
            defer { condition.unlock() }
            while queue.isEmpty && !finished { condition.wait() }
            if !queue.isEmpty {
                let batch = queue.removeFirst()
                condition.broadcast()
                return batch
            }
            if let failure { throw failure }
            return nil
        }

        func cancel() {
            condition.lock()
            cancelled = true
            queue.removeAll()
            condition.broadcast()
            condition.unlock()
        }

        func waitForProducer() {
            condition.lock()
            while !producerDone { condition.wait() }
            condition.unlock()
        }
    }
}
