/// MD5 (RFC 1321), only where a protocol asks for it: S3's `Content-MD5` and ETags. Never a
/// security boundary.
public enum MD5 {
    public static let byteCount = 16

    public static func hash(data: some Sequence<UInt8>) -> [UInt8] {
        let context = DigestContext(.md5)
        context.update(data)
        return context.finish(size: byteCount)
    }
}
