import Codecs

/// Compresses and decompresses page bodies. ZSTD and GZIP go through the Codecs wrappers;
/// SNAPPY decompression is rxpipe's own (`Snappy`).
enum PageCodec {
    /// Largest page body rxpipe will allocate for when a codec gives no size of its own.
    static let maxPageSize = 1 << 30

    static func compress(_ body: [UInt8], codec: CompressionCodec, level: Int32) throws -> [UInt8] {
        switch codec {
        case .uncompressed: return body
        case .zstd:
            do { return try Zstd.compress(body, level: level) } catch { throw FormatError("\(error)") }
        case .gzip:
            do { return try Gzip.compress(body, level: max(1, min(9, level))) } catch { throw FormatError("\(error)") }
        default:
            throw FormatError("rxpipe does not write \(codec) pages")
        }
    }

    static func decompress(_ input: UnsafeRawBufferPointer, codec: CompressionCodec, expectedSize: Int) throws -> [UInt8] {
        guard expectedSize >= 0, expectedSize <= maxPageSize else { throw FormatError("page claims \(expectedSize) uncompressed bytes") }
        switch codec {
        case .uncompressed:
            guard input.count == expectedSize else {
                throw FormatError("uncompressed page has \(input.count) bytes but its header says \(expectedSize)")
            }
            return Array(input)
        case .snappy:
            return try Snappy.decompress(input, expectedSize: expectedSize)
        case .zstd:
            if let declared = zstdContentSize(input), declared != UInt64(expectedSize) {
                throw FormatError("ZSTD frame declares \(declared) bytes but the page header says \(expectedSize)")
            }
            do { return try Zstd.decompress(input, expectedSize: expectedSize) } catch { throw FormatError("ZSTD page: \(error)") }
        case .gzip:
            let sink = BoundedSink(limit: expectedSize)
            do {
                let d = try GzipDecompressor(into: sink)
                try d.write(input)
                try d.finish()
            } catch let e as FormatError {
                throw e
            } catch {
                throw FormatError("GZIP page: \(error)")
            }
            guard sink.bytes.count == expectedSize else {
                throw FormatError("GZIP page decompressed to \(sink.bytes.count) bytes, expected \(expectedSize)")
            }
            return sink.bytes
        default:
            throw FormatError("unsupported codec \(codec)")
        }
    }

    /// Frame content size from a zstd frame header, when the header carries one; lets a
    /// lying page header be caught before anything is allocated.
    static func zstdContentSize(_ b: UnsafeRawBufferPointer) -> UInt64? {
        guard b.count >= 6, b[0] == 0x28, b[1] == 0xB5, b[2] == 0x2F, b[3] == 0xFD else { return nil }
        let fhd = b[4]
        let fcsFlag = Int(fhd >> 6)
        let singleSegment = (fhd >> 5) & 1 == 1
        let dictFlag = Int(fhd & 3)
        var pos = 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][dictFlag]
        let size = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag]
        guard size > 0, pos + size <= b.count else { return nil }
        var v: UInt64 = 0
        for k in 0..<size { v |= UInt64(b[pos + k]) << UInt64(8 * k) }
        pos += size
        return size == 2 ? v + 256 : v
    }
}

/// Collects decompressed bytes and refuses to grow past `limit` (a page's declared size).
final class BoundedSink: ByteSink {
    private(set) var bytes: [UInt8] = []
    let limit: Int
    init(limit: Int) {
        self.limit = limit
        bytes.reserveCapacity(limit)
    }
    func write(_ buffer: UnsafeRawBufferPointer) throws {
        guard bytes.count + buffer.count <= limit else {
            throw FormatError("GZIP page decompresses to more than the \(limit) bytes its header declares")
        }
        bytes.append(contentsOf: buffer)
    }
}
