import Digests
import Foundation

/// The three S3 operations a publish needs — ListObjectsV2, PutObject, DeleteObject — signed with
/// Signature Version 4 and retried with backoff on 5xx and throttling.
public struct S3Client: Sendable {
    public let location: S3Location
    public let endpoint: S3Endpoint
    public let signer: SigV4Signer
    public let transport: HTTPTransport
    public let retry: RetryPolicy
    /// The signing clock (tests freeze it).
    public let now: @Sendable () -> Date

    public init(
        location: S3Location, endpoint: S3Endpoint, signer: SigV4Signer, transport: HTTPTransport,
        retry: RetryPolicy = RetryPolicy(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.location = location
        self.endpoint = endpoint
        self.signer = signer
        self.transport = transport
        self.retry = retry
        self.now = now
    }

    // MARK: Operations

    /// Every object under the location's prefix: site path → ETag (MD5 hex for single-part uploads).
    public func listSite() throws -> [String: String] {
        var objects: [String: String] = [:]
        var token: String?
        repeat {
            let response = try perform(listOperation(continuationToken: token), operation: "ListObjectsV2", label: location.listPrefix)
            let page = try ListBucketResult.parse(response.body)
            for object in page.objects {
                if let path = location.path(for: object.key), !path.isEmpty { objects[path] = object.etag }
            }
            token = page.isTruncated ? page.nextContinuationToken : nil
            if page.isTruncated && token == nil {
                throw PublishError.s3Response(operation: "ListObjectsV2", reason: "IsTruncated without NextContinuationToken")
            }
        } while token != nil
        return objects
    }

    /// Uploads one site file; checks the ETag S3 returns against the content's MD5.
    public func put(path: String, body: Data, md5: String, sha256: String) throws {
        let key = location.key(for: path)
        let response = try perform(putOperation(path: path, body: body, md5: md5, sha256: sha256), operation: "PutObject", label: key)
        if let etag = response.headers["etag"]?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased(),
            etag != md5
        {
            throw PublishError.s3Request(
                operation: "PutObject", key: key, status: response.status,
                reason: "the stored ETag \(etag) is not the MD5 of what was sent (\(md5))")
        }
    }

    /// The bytes of one object (a lake file; sites are never read back).
    public func get(path: String) throws -> Data {
        let key = location.key(for: path)
        return try perform(getOperation(path: path), operation: "GetObject", label: key).body
    }

    /// Deletes one object; an object already gone counts as deleted.
    public func delete(path: String) throws {
        let key = location.key(for: path)
        _ = try perform(deleteOperation(path: path), operation: "DeleteObject", label: key, accept404: true)
    }

    // MARK: Requests

    public struct Operation: Sendable {
        let method: String
        /// nil: the bucket itself.
        let key: String?
        let query: [(name: String, value: String)]
        let headers: [(name: String, value: String)]
        let body: Data
    }

    /// One page of ListObjectsV2 under the location's prefix.
    public func listOperation(continuationToken: String?) -> Operation {
        var query = [(name: "list-type", value: "2"), (name: "prefix", value: location.listPrefix)]
        if let continuationToken { query.append((name: "continuation-token", value: continuationToken)) }
        return Operation(method: "GET", key: nil, query: query, headers: [], body: Data())
    }

    /// PutObject of a site file with its Content-Type, Cache-Control, Content-MD5 and x-amz-meta-sha256.
    public func putOperation(path: String, body: Data, md5: String, sha256: String) -> Operation {
        let headers = [
            (name: "Content-Type", value: ContentType.of(path)),
            (name: "Cache-Control", value: CachePolicy.of(path)),
            (name: "Content-MD5", value: Data(Self.bytes(hex: md5)).base64EncodedString()),
            (name: "x-amz-meta-sha256", value: sha256),
        ]
        return Operation(method: "PUT", key: location.key(for: path), query: [], headers: headers, body: body)
    }

    public func getOperation(path: String) -> Operation {
        Operation(method: "GET", key: location.key(for: path), query: [], headers: [], body: Data())
    }

    public func deleteOperation(path: String) -> Operation {
        Operation(method: "DELETE", key: location.key(for: path), query: [], headers: [], body: Data())
    }

    /// The request as it goes on the wire, signed at `date`.
    public func signedRequest(_ operation: Operation, date: Date) -> (HTTPRequest, SigV4Signature) {
        let encodedPath: String
        if let key = operation.key {
            encodedPath = endpoint.bucketPath + "/" + AWSURIEncoding.encode(key, keepSlash: true)
        } else {
            encodedPath = endpoint.bucketPath.isEmpty ? "/" : endpoint.bucketPath
        }
        let payloadHash = Hex.string(SHA256.hash(data: operation.body))
        let amzDate = SigV4Signer.amzDate(date)
        var headers = operation.headers
        headers.append((name: "x-amz-content-sha256", value: payloadHash))
        headers.append((name: "x-amz-date", value: amzDate))
        if let token = signer.credentials.sessionToken { headers.append((name: "x-amz-security-token", value: token)) }
        let signature = signer.sign(
            SigningRequest(
                method: operation.method, encodedPath: encodedPath, query: operation.query,
                headers: [(name: "host", value: endpoint.host)] + headers, payloadHash: payloadHash),
            amzDate: amzDate)
        headers.append((name: "Authorization", value: signature.authorization))
        let query = operation.query.map {
            "\(AWSURIEncoding.encode($0.name, keepSlash: false))=\(AWSURIEncoding.encode($0.value, keepSlash: false))"
        }.joined(separator: "&")
        let url = URL(string: endpoint.origin + encodedPath + (query.isEmpty ? "" : "?" + query))!
        return (HTTPRequest(method: operation.method, url: url, headers: headers, body: operation.body), signature)
    }

    /// Sends with retries; maps 403/404 to an access error naming the bucket and prefix.
    private func perform(_ operation: Operation, operation name: String, label: String, accept404: Bool = false) throws
        -> HTTPResponse
    {
        var attempt = 0
        while true {
            let failure: PublishError
            switch try attemptOnce(operation, operation: name, label: label, accept404: accept404) {
            case .success(let response): return response
            case .failure(let error): failure = error
            }
            attempt += 1
            if attempt >= retry.maxAttempts { throw failure }
            Thread.sleep(forTimeInterval: retry.delay(beforeRetry: attempt - 1))
        }
    }

    /// One signed attempt: the response, a retryable failure, or a thrown final error.
    private func attemptOnce(_ operation: Operation, operation name: String, label: String, accept404: Bool) throws
        -> Result<HTTPResponse, PublishError>
    {
        let (request, _) = signedRequest(operation, date: now())
        let response: HTTPResponse
        do {
            response = try transport.send(request)
        } catch let error as HTTPTransportError {
            return .failure(.s3Request(operation: name, key: label, status: nil, reason: error.reason))
        }
        if (200..<300).contains(response.status) || (accept404 && response.status == 404) { return .success(response) }
        let code = S3ErrorBody.code(response.body)
        if response.status == 403 || response.status == 404 || response.status == 301 {
            throw PublishError.s3Access(
                bucket: location.bucket, prefix: location.prefix, status: response.status, code: code, operation: name)
        }
        let failure = PublishError.s3Request(
            operation: name, key: label, status: response.status,
            reason: code.isEmpty ? "the server refused the request" : code)
        guard RetryPolicy.isRetryable(status: response.status, code: code) else { throw failure }
        return .failure(failure)
    }

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }
}

/// The `<Code>` of an S3 XML error body (empty when there is none).
enum S3ErrorBody {
    static func code(_ body: Data) -> String {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        guard let start = text.range(of: "<Code>"), let end = text.range(of: "</Code>", range: start.upperBound..<text.endIndex)
        else { return "" }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
