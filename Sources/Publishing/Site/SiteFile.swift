import Foundation

/// One file of the rendered site: its path relative to the site root ("/"-separated) and digests.
public struct SiteFile: Equatable, Sendable {
    /// Path relative to the site root, "/"-separated, as it will appear in URLs (before encoding).
    public let path: String
    public let size: Int
    /// Lower-case hex SHA-256 of the content (the identity used by directory publishes and x-amz-meta-sha256).
    public let sha256: String
    /// Lower-case hex MD5 of the content: the ETag S3 reports for a single-part PUT.
    public let md5: String

    public init(path: String, size: Int, sha256: String, md5: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.md5 = md5
    }

    /// True for pages: uploaded after the assets they reference.
    public var isPage: Bool { Self.isPage(path) }

    public static func isPage(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
    }
}
