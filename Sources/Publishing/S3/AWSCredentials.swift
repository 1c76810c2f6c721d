/// An AWS access key pair and optional session token. `description` never shows the secret or
/// the token, and only the last four characters of the key id.
public struct AWSCredentials: Equatable, Sendable, CustomStringConvertible {
    public let accessKeyId: String
    public let secretAccessKey: String
    public let sessionToken: String?
    /// Where they came from ("environment", "profile default in /root/.aws/credentials").
    public let source: String

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String?, source: String) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.source = source
    }

    public var description: String {
        "access key …\(accessKeyId.suffix(4))\(sessionToken == nil ? "" : " with session token") from \(source)"
    }
}
