import Foundation

/// Everything that can stop a publish, with what failed, where, and what to do.
/// Descriptions never contain credentials (access keys, secrets, session tokens).
public enum PublishError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The site directory is missing or is not a directory.
    case siteMissing(path: String)
    /// A file in the site cannot be read or is of a kind that cannot be published.
    case siteUnreadable(path: String, reason: String)
    /// The site's gate record says a quality gate failed.
    case gateFailed(site: String, failed: [String])
    /// The gate record exists but is not the documented JSON object.
    case gateRecordInvalid(path: String, reason: String)
    /// `--to` is not a directory path, `s3://bucket/prefix` or `git:BRANCH`.
    case badTarget(String, reason: String)
    /// A local filesystem step of a directory publish failed.
    case directory(path: String, step: String, reason: String)
    /// A git command failed (its stderr is kept).
    case git(command: String, reason: String)
    /// No credentials were found in the environment or the shared credentials file.
    case noCredentials(reason: String)
    /// The shared credentials file is malformed.
    case credentialsFile(path: String, line: Int, reason: String)
    /// S3 refused access (403) or the bucket/prefix does not exist (404).
    case s3Access(bucket: String, prefix: String, status: Int, code: String, operation: String)
    /// S3 answered with an error that retries did not cure, or could not be reached.
    case s3Request(operation: String, key: String, status: Int?, reason: String)
    /// The S3 response could not be understood.
    case s3Response(operation: String, reason: String)

    public var description: String {
        switch self {
        case .siteMissing(let path):
            return "publish: site directory \(path) does not exist; run `rxpipe render` first or pass --site DIR"
        case .siteUnreadable(let path, let reason):
            return "publish: cannot publish \(path): \(reason)"
        case .gateFailed(let site, let failed):
            let list = failed.isEmpty ? "" : " (\(failed.joined(separator: "; ")))"
            return "publish: the site in \(site) was built after a failed quality gate\(list); "
                + "fix the data or pass --allow-failed-gates to publish it anyway"
        case .gateRecordInvalid(let path, let reason):
            return "publish: gate record \(path) is invalid: \(reason); expected {\"passed\": true|false, \"failed\": [\"…\"]}"
        case .badTarget(let target, let reason):
            return "publish: --to \(target): \(reason)"
        case .directory(let path, let step, let reason):
            return "publish: \(step) \(path): \(reason); the published directory is unchanged"
        case .git(let command, let reason):
            return "publish: git \(command) failed: \(reason); the branch is unchanged"
        case .noCredentials(let reason):
            return "publish: no AWS credentials: \(reason); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                + "or AWS_PROFILE with a shared credentials file (~/.aws/credentials or AWS_SHARED_CREDENTIALS_FILE)"
        case .credentialsFile(let path, let line, let reason):
            return "publish: credentials file \(path) line \(line): \(reason)"
        case .s3Access(let bucket, let prefix, let status, let code, let operation):
            let place = "s3://\(bucket)/\(prefix)"
            let hint =
                status == 404
                ? "the bucket or prefix does not exist; create the bucket or check --to and --endpoint-url"
                : "access denied; check the credentials, the region and the bucket policy for \(place)"
            return "publish: \(operation) on \(place) failed with HTTP \(status)\(code.isEmpty ? "" : " \(code)"): \(hint); "
                + "nothing stale was deleted"
        case .s3Request(let operation, let key, let status, let reason):
            let http = status.map { "HTTP \($0) " } ?? ""
            return "publish: \(operation) \(key) failed: \(http)\(reason); nothing stale was deleted, "
                + "the bucket holds the previous site plus any complete new files; run publish again"
        case .s3Response(let operation, let reason):
            return "publish: cannot read the S3 answer to \(operation): \(reason)"
        }
    }
}
