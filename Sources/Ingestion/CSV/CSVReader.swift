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
    /// Blank lines skipped before the header.
    private(set) var leadingBlankLines = 0
    /// Physical lines of the header record (more than 1 only with newlines in quoted names).
    private(set) var headerLines = 1

    /// Every physical line of the file (after the last block: `forEachBlock` has returned).
    var physicalLines: Int { splitter.physicalLines }

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
        if let offset = Self.binaryOffset(bytes.prefix(1 << 16)) { throw CSVError.binary(file: file, offset: offset) }
        var offset = block.firstOffset
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            offset += 3
        }
        // Blank lines before the header are skipped and counted.
        var line = block.firstLine
        while true {
            let skip = Self.leadingBlankLines(bytes)
            leadingBlankLines += skip.lines
            line += skip.lines
            offset += skip.bytes
            bytes.removeFirst(skip.bytes)
            if !bytes.isEmpty { break }
            guard let next = try splitter.next() else { throw CSVError.empty(file: file) }
            bytes = next.bytes
            line = next.firstLine
            offset = next.firstOffset
        }
        // The header is the first record; everything after it is data.
        var collector = FirstRecordSink()
        bytes.withUnsafeBufferPointer { CSVBlockParser.parseFirstRecord($0, into: &collector) }
        header = collector.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        if header.allSatisfy(\.isEmpty) { throw CSVError.empty(file: file) }
        headerLines = collector.lines
        let rest = Array(bytes[collector.end...])
        block = CSVBlock(bytes: rest, firstLine: line + collector.lines, oversized: false, firstOffset: offset + collector.end)
        firstBlock = block
    }

    /// Lines before the header holding nothing but spaces and tabs, and their bytes.
    static func leadingBlankLines(_ bytes: [UInt8]) -> (lines: Int, bytes: Int) {
        var lines = 0, consumed = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                index += 1
            } else if byte == 0x0A || byte == 0x0D {
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                lines += 1
                consumed = index
            } else {
                break
            }
        }
        return (lines, consumed)
    }

    /// Where the head of a file shows it is binary, not text: a known binary signature (ZIP —
    /// also .xlsx —, PDF, Parquet, legacy Office, ELF) or NUL bytes making up 10% of it (UTF-16
    /// text is half NULs), or 1% with at least 64 of them.
    /// A NUL here and there is a bad field, not a binary file (the row is quarantined).
    static func binaryOffset(_ head: ArraySlice<UInt8>) -> Int? {
        let signatures: [[UInt8]] = [
            [0x50, 0x4B, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46, 0x2D], Array("PAR1".utf8),
            [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], [0x7F, 0x45, 0x4C, 0x46],
        ]
        let firstNUL = head.firstIndex(of: 0).map { $0 - head.startIndex }
        if signatures.contains(where: { head.starts(with: $0) }) { return firstNUL ?? 0 }
        guard let firstNUL else { return nil }
        let nuls = head.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        return nuls * 10 >= head.count || (nuls >= 64 && nuls * 100 >= head.count) ? firstNUL : nil
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
    var lines = 1
    mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        let raw = escaped ? CSVFieldText.unescape(bytes) : Array(bytes)
        fields.append(raw.withUnsafeBufferPointer { CSVFieldText.decode($0).text })
    }
    mutating func endRecord(line: Int, fieldCount: Int) {}
    mutating func endRecord(line: Int, lines: Int, fieldCount: Int) { self.lines = lines }
}

extension CSVBlockParser {
    /// Parses only the first record of `bytes` (LF, CRLF or CR ends it), noting where the next
    /// record starts.
    fileprivate static func parseFirstRecord(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout FirstRecordSink) {
        // Find the end of the first record with the splitter's rules, then parse that slice.
        var end = bytes.count
        var inQuotes = false, atFieldStart = true, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == 0x22 {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x22 { index += 2; continue }
                    inQuotes = false
                }
                atFieldStart = false
            } else if byte == 0x22 && atFieldStart {
                inQuotes = true
                atFieldStart = false
            } else if byte == 0x0A || byte == 0x0D {
                end = byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
                break
            } else {
                atFieldStart = byte == 0x2C
            }
            index += 1
        }
        sink.end = end
        parseCarefully(UnsafeBufferPointer(rebasing: bytes[0..<end]), firstLine: 1, into: &sink)
    }
}
