import Foundation
import Lake

/// Buffered output to stdout or a file (`--out`); rows are formatted into a buffer and
/// written in large chunks.
final class OutputStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let path: String?

    init(path: String?) throws {
        self.path = path
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                throw LakeError.io(path: path, operation: "create", reason: "cannot create the output file")
            }
            handle = h
        } else {
            handle = FileHandle.standardOutput
        }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// Appends with `body`, flushing when the buffer is large.
    func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        if path != nil { try? handle.close() }
    }
}

/// Streams rows of row groups as JSONL or CSV, stopping after `limit` rows.
struct RowPrinter {
    let format: RowFormat
    let out: OutputStream
    var limit: Int?
    private(set) var printed = 0
    private var headerDone = false

    init(format: RowFormat, out: OutputStream, limit: Int?) {
        self.format = format
        self.out = out
        self.limit = limit
    }

    var isDone: Bool { limit.map { printed >= $0 } ?? false }

    mutating func header(_ fields: [Field]) {
        guard !headerDone else { return }
        headerDone = true
        out.write(format.header(fields))
    }

    mutating func print(_ batch: RowGroupBatch) {
        header(batch.fields)
        let n = limit.map { min(batch.rowCount, $0 - printed) } ?? batch.rowCount
        guard n > 0 else { return }
        var start = 0
        while start < n {
            let end = min(n, start + 4096)
            out.append { format.append(batch, rows: start..<end, into: &$0) }
            start = end
        }
        printed += n
    }
}

