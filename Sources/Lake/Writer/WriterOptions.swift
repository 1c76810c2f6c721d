/// How a `ParquetWriter` lays out and compresses a file. The defaults suit the lake:
/// ZSTD level 3, 1 MiB pages, dictionaries up to 1 MiB, up to 1 Mi rows per row group.
public struct WriterOptions: Sendable {
    public enum Compression: Sendable, Equatable {
        case uncompressed
        case zstd(level: Int32)
        case gzip(level: Int32)

        var codec: CompressionCodec {
            switch self {
            case .uncompressed: return .uncompressed
            case .zstd: return .zstd
            case .gzip: return .gzip
            }
        }

        var level: Int32 {
            switch self {
            case .uncompressed: return 0
            case .zstd(let l), .gzip(let l): return l
            }
        }
    }

    public var compression: Compression = .zstd(level: 3)
    /// Target uncompressed size of one data page.
    public var pageSize: Int = 1 << 20
    /// Try dictionary encoding for strings and integers.
    public var dictionary: Bool = true
    /// A dictionary page larger than this falls back to PLAIN for the chunk.
    public var dictionaryPageLimit: Int = 1 << 20
    /// A batch larger than this is split into several row groups.
    public var rowGroupRows: Int = 1 << 20
    /// Encode and compress the columns of a row group on several threads.
    public var parallel: Bool = true
    /// Extra key-value metadata written into the footer (sorted by key).
    public var metadata: [String: String] = [:]

    public init() {}
}
