import Publishing

/// What stops a lake on S3 from being pulled or pushed, naming the object and what to do.
/// Descriptions never contain credentials.
public enum LakeMirrorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An S3 request failed (access, network, a server error retries did not cure).
    case s3(remote: String, reason: String)
    /// A table's manifest lists a file the bucket does not hold.
    case missingFile(remote: String, manifest: String, file: String)
    /// A downloaded file is not the one its manifest describes.
    case checksum(remote: String, file: String, expected: String, actual: String)
    /// A manifest on S3 cannot be read.
    case manifest(remote: String, path: String, reason: String)
    /// The local copy cannot be written or read.
    case local(path: String, reason: String)

    public var description: String {
        switch self {
        case .s3(let remote, let reason):
            return "lake \(remote): \(reason)"
        case .missingFile(let remote, let manifest, let file):
            return "lake \(remote): \(manifest) lists \(file), which the bucket does not hold; the table's writer deleted or has not finished uploading it (write data files first, the manifest last)"
        case .checksum(let remote, let file, let expected, let actual):
            return "lake \(remote): \(file) has SHA-256 \(actual), its manifest says \(expected); the object was changed after its commit"
        case .manifest(let remote, let path, let reason):
            return "lake \(remote): \(path): \(reason)"
        case .local(let path, let reason):
            return "lake cache \(path): \(reason)"
        }
    }

    /// A publish-layer S3 error restated for the lake (its text starts with "publish: ").
    static func wrapping(_ error: PublishError, remote: String) -> LakeMirrorError {
        var text = error.description
        if text.hasPrefix("publish: ") { text.removeFirst("publish: ".count) }
        return .s3(remote: remote, reason: text.replacingOccurrences(of: "--to", with: "[lake] root"))
    }
}
