import Foundation

/// `s3://bucket/prefix`: where the site goes. The prefix has no leading or trailing slash;
/// empty means the bucket root.
public struct S3Location: Equatable, Sendable {
    public let bucket: String
    public let prefix: String

    public init(bucket: String, prefix: String) {
        self.bucket = bucket
        self.prefix = prefix
    }

    public init(parsing text: String) throws {
        guard text.hasPrefix("s3://") else { throw PublishError.badTarget(text, reason: "expected s3://bucket/prefix") }
        let rest = text.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        guard Self.isValidBucket(String(bucket)) else {
            throw PublishError.badTarget(
                text, reason: "\"\(bucket)\" is not a bucket name (3–63 characters: a–z, 0–9, '.', '-')")
        }
        let prefix = rest.dropFirst(bucket.count).split(separator: "/").joined(separator: "/")
        self.init(bucket: String(bucket), prefix: prefix)
    }

    /// The object key of a site path.
    public func key(for path: String) -> String { prefix.isEmpty ? path : "\(prefix)/\(path)" }

    /// The site path of a listed key (nil when the key is outside the prefix).
    public func path(for key: String) -> String? {
        if prefix.isEmpty { return key }
        guard key.hasPrefix(prefix + "/") else { return nil }
        return String(key.dropFirst(prefix.count + 1))
    }

    /// What ListObjectsV2 is asked for: everything under "prefix/".
    public var listPrefix: String { prefix.isEmpty ? "" : prefix + "/" }

    static func isValidBucket(_ name: String) -> Bool {
        guard (3...63).contains(name.count) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
    }
}

/// Where requests go: `--endpoint-url` (path-style: `endpoint/bucket/key`) or AWS itself
/// (virtual-hosted style `https://bucket.s3.region.amazonaws.com/key`; path-style on
/// `s3.region.amazonaws.com` for bucket names with dots, which break TLS host matching).
public struct S3Endpoint: Equatable, Sendable {
    /// scheme://host[:port] with no trailing slash.
    public let origin: String
    /// Path prefix before the key: "/bucket" for path-style, "" for virtual-hosted.
    public let bucketPath: String

    public init(bucket: String, region: String, endpointURL: String?) throws {
        if let endpointURL {
            guard let url = URL(string: endpointURL), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = url.host, !host.isEmpty
            else {
                throw PublishError.badTarget(endpointURL, reason: "--endpoint-url must be http(s)://host[:port]")
            }
            let base = url.path.split(separator: "/").joined(separator: "/")
            origin = "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")"
            bucketPath = (base.isEmpty ? "" : "/" + base) + "/" + bucket
        } else if bucket.contains(".") {
            origin = "https://s3.\(region).amazonaws.com"
            bucketPath = "/" + bucket
        } else {
            origin = "https://\(bucket).s3.\(region).amazonaws.com"
            bucketPath = ""
        }
    }

    /// The Host header value the server will see (no port for the scheme's default port).
    public var host: String {
        let withoutScheme = origin.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? origin
        if origin.hasPrefix("http://") && withoutScheme.hasSuffix(":80") { return String(withoutScheme.dropLast(3)) }
        if origin.hasPrefix("https://") && withoutScheme.hasSuffix(":443") { return String(withoutScheme.dropLast(4)) }
        return withoutScheme
    }
}
