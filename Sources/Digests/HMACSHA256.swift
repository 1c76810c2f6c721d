/// HMAC-SHA256 (RFC 2104) with the key's padded blocks absorbed once: each message then costs
/// two context copies, so pseudonymising a million NPIs does not re-hash the key a million times.
///
/// Its key contexts are only ever copied from, but OpenSSL does not promise that concurrent
/// copies of one context are safe: make one per task.
public final class HMACSHA256 {
    public static let byteCount = SHA256.byteCount
    private let inner: DigestContext
    private let outer: DigestContext

    public init(key: some Sequence<UInt8>) {
        let algorithm = DigestAlgorithm.sha256
        var block = Array(key)
        if block.count > algorithm.blockSize { block = SHA256.hash(data: block) }
        block += [UInt8](repeating: 0, count: algorithm.blockSize - block.count)
        inner = DigestContext(algorithm)
        inner.update(block.map { $0 ^ 0x36 })
        outer = DigestContext(algorithm)
        outer.update(block.map { $0 ^ 0x5c })
    }

    /// The 32-byte code of `message`.
    public func authenticationCode(for message: some Sequence<UInt8>) -> [UInt8] {
        let innerHash = DigestContext(copying: inner)
        innerHash.update(message)
        let outerHash = DigestContext(copying: outer)
        outerHash.update(innerHash.finish(size: Self.byteCount))
        return outerHash.finish(size: Self.byteCount)
    }

    public static func authenticationCode(for message: some Sequence<UInt8>, key: some Sequence<UInt8>) -> [UInt8] {
        HMACSHA256(key: key).authenticationCode(for: message)
    }
}
