/// SHA-256 (FIPS 180-4), fed in pieces: content hashes of lake files, fingerprints, S3 payloads.
public struct SHA256 {
    public static let byteCount = 32
    private var context = DigestContext(.sha256)

    public init() {}

    public mutating func update(data: some Sequence<UInt8>) {
        unshare()
        context.update(data)
    }

    public mutating func update(bytes: UnsafeRawBufferPointer) {
        unshare()
        context.update(bytes)
    }

    /// The 32-byte digest of everything fed so far; the hasher itself is left unchanged.
    public func finalize() -> [UInt8] { DigestContext(copying: context).finish(size: Self.byteCount) }

    public static func hash(data: some Sequence<UInt8>) -> [UInt8] {
        let context = DigestContext(.sha256)
        context.update(data)
        return context.finish(size: byteCount)
    }

    /// Lower-case hex SHA-256: the content hash of manifests and fingerprints.
    public static func hex(_ data: some Sequence<UInt8>) -> String { Hex.string(hash(data: data)) }

    /// A copy of a hasher keeps its own state (value semantics over a C context).
    private mutating func unshare() {
        if !isKnownUniquelyReferenced(&context) { context = DigestContext(copying: context) }
    }
}
