import CCrypto

/// One OpenSSL message-digest context (`EVP_MD_CTX`), freed with its owner.
///
/// The digest algorithms come from the system's libcrypto (OpenSSL 3, apt `libssl-dev`): the
/// same assembly SHA-256 as BoringSSL without compiling BoringSSL's 363 C files in every
/// fresh build (#23: the test loop).
final class DigestContext {
    let pointer: OpaquePointer

    init(_ algorithm: DigestAlgorithm) {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto could not allocate a digest context") }
        pointer = context
        guard EVP_DigestInit_ex(context, algorithm.md, nil) == 1 else {
            fatalError("libcrypto could not start \(algorithm.name)")
        }
    }

    /// A context holding the same state as `other` (HMAC's precomputed pads, copy-on-write).
    init(copying other: DigestContext) {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto could not allocate a digest context") }
        pointer = context
        guard EVP_MD_CTX_copy_ex(context, other.pointer) == 1 else { fatalError("libcrypto could not copy a digest context") }
    }

    deinit { EVP_MD_CTX_free(pointer) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        guard EVP_DigestUpdate(pointer, bytes.baseAddress, bytes.count) == 1 else { fatalError("libcrypto digest update failed") }
    }

    func update(_ bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// The digest; the context cannot be updated afterwards.
    func finish(size: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Int(EVP_MAX_MD_SIZE)) { buffer, count in
            var written: UInt32 = 0
            guard EVP_DigestFinal_ex(pointer, buffer.baseAddress, &written) == 1, Int(written) == size else {
                fatalError("libcrypto digest final failed")
            }
            count = Int(written)
        }
    }
}

/// A digest algorithm fetched once from libcrypto's default provider.
struct DigestAlgorithm: @unchecked Sendable {
    // Unchecked: an `EVP_MD` fetched from a provider is immutable and may be shared by threads
    // (OpenSSL 3, "Library contexts and thread safety"); it is never freed.
    let md: OpaquePointer
    let name: String
    let size: Int
    let blockSize: Int

    private init(_ name: String) {
        guard let md = EVP_MD_fetch(nil, name, nil) else {
            fatalError("libcrypto has no \(name): OpenSSL's default provider is not available")
        }
        self.md = md
        self.name = name
        size = Int(EVP_MD_get_size(md))
        blockSize = Int(EVP_MD_get_block_size(md))
    }

    static let sha256 = DigestAlgorithm("SHA256")
    static let md5 = DigestAlgorithm("MD5")
}
