import Digests
import Foundation

/// A request as it will be sent, in the parts Signature Version 4 reads.
public struct SigningRequest: Sendable {
    public var method: String
    /// The path exactly as it goes on the wire (already percent-encoded; S3 is not double-encoded
    /// and not normalised).
    public var encodedPath: String
    /// Query parameters, decoded; encoded and sorted by the signer.
    public var query: [(name: String, value: String)]
    /// Every header to sign (any case; repeated names are joined with commas in order).
    public var headers: [(name: String, value: String)]
    /// Lower-case hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    public var payloadHash: String

    public init(
        method: String, encodedPath: String, query: [(name: String, value: String)],
        headers: [(name: String, value: String)], payloadHash: String
    ) {
        self.method = method
        self.encodedPath = encodedPath
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}

/// The intermediate texts and the result of signing; tests compare each with other implementations.
public struct SigV4Signature: Equatable, Sendable {
    public let canonicalRequest: String
    public let stringToSign: String
    public let signedHeaders: String
    public let signature: String
    public let authorization: String
}

/// AWS Signature Version 4 (HMAC-SHA256), as specified in "Signing AWS API requests":
/// canonical request → string to sign → signing key derived from the secret, date, region and
/// service → hex HMAC.
public struct SigV4Signer: Sendable {
    public let credentials: AWSCredentials
    public let region: String
    public let service: String

    public init(credentials: AWSCredentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Signs `request` at `amzDate` (`yyyyMMdd'T'HHmmss'Z'`, the value of its x-amz-date header).
    public func sign(_ request: SigningRequest, amzDate: String) -> SigV4Signature {
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        let canonicalRequest = [
            request.method.uppercased(),
            request.encodedPath.isEmpty ? "/" : request.encodedPath,
            Self.canonicalQuery(request.query),
            canonicalHeaders,
            signedHeaders,
            request.payloadHash,
        ].joined(separator: "\n")
        let date = String(amzDate.prefix(8))
        let scope = "\(date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Hex.string(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let key = signingKey(date: date)
        let signature = Hex.string(HMACSHA256.authenticationCode(for: Array(stringToSign.utf8), key: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return SigV4Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: signedHeaders,
            signature: signature, authorization: authorization)
    }

    /// `x-amz-date` for `date` in UTC.
    public static func amzDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The instant an `x-amz-date` value names (nil when malformed).
    public static func date(amzDate: String) -> Date? {
        let digits = amzDate.filter(\.isNumber)
        guard amzDate.count == 16, digits.count == 14 else { return nil }
        let n = digits.map { Int(String($0))! }
        func number(_ range: Range<Int>) -> Int { n[range].reduce(0) { $0 * 10 + $1 } }
        var components = DateComponents()
        components.year = number(0..<4)
        components.month = number(4..<6)
        components.day = number(6..<8)
        components.hour = number(8..<10)
        components.minute = number(10..<12)
        components.second = number(12..<14)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }

    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (AWSURIEncoding.encode($0.name, keepSlash: false), AWSURIEncoding.encode($0.value, keepSlash: false)) }
            .sorted { a, b in a.0 != b.0 ? a.0.utf8.lexicographicallyPrecedes(b.0.utf8) : a.1.utf8.lexicographicallyPrecedes(b.1.utf8) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Lower-case names sorted; values trimmed with inner runs of spaces collapsed; repeats joined by ",".
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (String, String) {
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            values[name.lowercased(), default: []].append(collapse(value))
        }
        let names = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let canonical = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (canonical, names.joined(separator: ";"))
    }

    /// Trimall: no whitespace at either end, every inner run of whitespace one space (as botocore's
    /// `" ".join(value.split())`).
    private static func collapse(_ value: String) -> String {
        value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func signingKey(date: String) -> [UInt8] {
        func hmac(_ key: [UInt8], _ text: String) -> [UInt8] {
            HMACSHA256.authenticationCode(for: Array(text.utf8), key: key)
        }
        let secret = Array("AWS4\(credentials.secretAccessKey)".utf8)
        return hmac(hmac(hmac(hmac(secret, date), region), service), "aws4_request")
    }
}
