import Dispatch
import Foundation
import RxCore

/// Reads a CSV file (plain, .zst or .gz) as blocks of whole records parsed on all cores and
/// handed to the caller in file order. The header is read and checked first.
///
/// Memory is bounded by `blockSize` × (cores + 2) whatever the file size.
final class CSVReader {
    let file: String
    /// Header names as written (BOM and surrounding spaces removed).
    private(set) var header: [String] = []
    private let splitter: CSVBlockSplitter
    private let source: CSVByteSource
    /// The rest of the first block after the header record.
    private var firstBlock: CSVBlock?

    var compression: CSVByteSource.Compression { source.compression }

    init(path: String, blockSize: Int = 8 << 20, maxRecordBytes: Int = 16 << 20) throws {
        file = path
        source = try CSVByteSource(path: path, readSize: min(4 << 20, max(blockSize, 4096)))
        splitter = CSVBlockSplitter(source: source, targetSize: blockSize, maxRecordBytes: maxRecordBytes)
        try readHeader()
    }

    private func readHeader() throws {
        guard var block = try splitter.next() else { throw CSVError.empty(file: file) }
        var bytes = block.bytes
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { throw CSVError.utf16(file: file) }
        if let nul = bytes.prefix(1 << 16).firstIndex(of: 0) { throw CSVError.binary(file: file, offset: nul) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The header is the first record; everything after it is data.
        var collector = FirstRecordSink()
        bytes.withUnsafeBufferPointer { CSVBlockParser.parseFirstRecord($0, into: &collector) }
        header = collector.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        if header.allSatisfy(\.isEmpty) { throw CSVError.empty(file: file) }
        let rest = Array(bytes[collector.end...])
        block = CSVBlock(bytes: rest, firstLine: block.firstLine + collector.newlines, oversized: false)
        firstBlock = block
    }

    /// Parses every data block with `parse` (concurrently) and hands each result to `consume`
    /// in file order. Returns the number of blocks.
    @discardableResult
    func forEachBlock<Result: Sendable>(
        parse: @escaping @Sendable (CSVBlock) -> Result, consume: (Result) throws -> Void
    ) throws -> Int {
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var blocks = 0
        var pending: [CSVBlock] = []
        if let first = firstBlock, !first.bytes.isEmpty { pending.append(first) }
        firstBlock = nil
        var done = false
        while !done {
            while pending.count < width, let block = try splitter.next() { pending.append(block) }
            if pending.isEmpty { break }
            if pending.count < width { done = true }
            let batch = pending
            pending = []
            let results = IndexedSlots<Result>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                results.set(index, parse(batch[index]))
            }
            for index in 0..<batch.count { try consume(results.take(index)) }
            blocks += batch.count
        }
        return blocks
    }
}

/// Collects the header record and where it ends.
private struct FirstRecordSink: CSVRecordSink {
    var fields: [String] = []
    var end = 0
    var newlines = 0
    mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        let raw = escaped ? CSVFieldText.unescape(bytes) : Array(bytes)
        fields.append(raw.withUnsafeBufferPointer { CSVFieldText.decode($0).text })
    }
    mutating func endRecord(line: Int, fieldCount: Int) {}
}

extension CSVBlockParser {
    /// Parses only the first record of `bytes`, noting where the next record starts.
    fileprivate static func parseFirstRecord(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout FirstRecordSink) {
        // Find the end of the first record with the splitter's rules, then parse that slice.
        let array = Array(bytes)
        var end = array.count
        var inQuotes = false, atFieldStart = true, index = 0
        while index < array.count {
            let byte = array[index]
            if inQuotes {
                if byte == 0x22 {
                    if index + 1 < array.count && array[index + 1] == 0x22 { index += 2; continue }
                    inQuotes = false
                } else if byte == 0x0A {
                    sink.newlines += 1
                }
            } else if byte == 0x22 && atFieldStart {
                inQuotes = true
            } else if byte == 0x0A {
                end = index + 1
                sink.newlines += 1
                break
            } else {
                atFieldStart = byte == 0x2C
                index += 1
                continue
            }
            atFieldStart = false
            index += 1
        }
        sink.end = end
        UnsafeBufferPointer(rebasing: bytes[0..<end]).withMemoryRebound(to: UInt8.self) { slice in
            parse(slice, firstLine: 1, into: &sink)
        }
    }
}
