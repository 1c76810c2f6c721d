import Digests
import Foundation

@testable import Publishing

/// An in-memory S3 bucket behind the `HTTPTransport` seam: path-style ListObjectsV2 (pages of
/// `pageSize`), GetObject, PutObject, DeleteObject; scripted failures; a log of every request.
final class FakeS3: HTTPTransport, @unchecked Sendable {
    struct Object: Equatable {
        let body: Data
        let contentType: String?
        let cacheControl: String?
        let sha256: String?
    }

    let bucket: String
    let pageSize: Int
    private let lock = NSLock()
    private(set) var objects: [String: Object] = [:]
    /// (method, key) of every request that reached the bucket, failures included.
    private(set) var log: [(method: String, key: String)] = []
    /// Statuses answered instead of serving, one per request, before serving normally again.
    var scriptedFailures: [Int] = []
    /// A status answered for every PUT of this key.
    var failPutsOf: (key: String, status: Int)?

    init(bucket: String, pageSize: Int = 1000) {
        self.bucket = bucket
        self.pageSize = pageSize
    }

    func snapshot() -> [String: Object] { lock.withLock { objects } }
    func requests() -> [(method: String, key: String)] { lock.withLock { log } }

    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        lock.lock()
        defer { lock.unlock() }
        let headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        guard headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=") == true,
            headers["x-amz-content-sha256"] == Hex.string(SHA256.hash(data: request.body))
        else { return error(400, "InvalidRequest") }
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)!
        let rawPath = components.percentEncodedPath
        guard rawPath.hasPrefix("/\(bucket)") else { return error(404, "NoSuchBucket") }
        let key = AWSURIEncoding.decode(String(rawPath.dropFirst(bucket.count + 2)))!
        log.append((request.method, key))
        if !scriptedFailures.isEmpty {
            let status = scriptedFailures.removeFirst()
            return error(status, status == 503 ? "SlowDown" : status == 403 ? "AccessDenied" : "InternalError")
        }
        switch request.method {
        case "GET" where !key.isEmpty:
            guard let object = objects[key] else { return error(404, "NoSuchKey") }
            return HTTPResponse(status: 200, headers: [:], body: object.body)
        case "GET":
            let query = Dictionary(
                (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
            let prefix = query["prefix"] ?? ""
            let keys = objects.keys.filter { $0.hasPrefix(prefix) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let start = Int(query["continuation-token"] ?? "0") ?? 0
            let page = keys.dropFirst(start).prefix(pageSize)
            let truncated = start + page.count < keys.count
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><Name>\(bucket)</Name>"
            for key in page {
                let md5 = Hex.string(MD5.hash(data: objects[key]!.body))
                xml += "<Contents><Key>\(escape(key))</Key><ETag>&quot;\(md5)&quot;</ETag><Size>\(objects[key]!.body.count)</Size></Contents>"
            }
            xml += "<IsTruncated>\(truncated)</IsTruncated>"
            if truncated { xml += "<NextContinuationToken>\(start + page.count)</NextContinuationToken>" }
            xml += "</ListBucketResult>"
            return HTTPResponse(status: 200, headers: [:], body: Data(xml.utf8))
        case "PUT":
            if let fail = failPutsOf, fail.key == key { return error(fail.status, "InternalError") }
            if let md5 = headers["content-md5"], Data(base64Encoded: md5) != Data(MD5.hash(data: request.body)) {
                return error(400, "BadDigest")
            }
            objects[key] = Object(
                body: request.body, contentType: headers["content-type"], cacheControl: headers["cache-control"],
                sha256: headers["x-amz-meta-sha256"])
            return HTTPResponse(status: 200, headers: ["etag": "\"\(Hex.string(MD5.hash(data: request.body)))\""], body: Data())
        case "DELETE":
            objects[key] = nil
            return HTTPResponse(status: 204, headers: [:], body: Data())
        default:
            return error(405, "MethodNotAllowed")
        }
    }

    private func error(_ status: Int, _ code: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [:], body: Data("<Error><Code>\(code)</Code><Message>m</Message></Error>".utf8))
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
