import Foundation

/// Where `--to` points: a local directory, `s3://bucket/prefix`, or `git:BRANCH` of the current repository.
public enum PublishTarget: Equatable, Sendable {
    case directory(URL)
    case s3(S3Location)
    case git(branch: String)

    public init(parsing text: String, relativeTo base: URL) throws {
        if text.isEmpty { throw PublishError.badTarget(text, reason: "empty") }
        if text.hasPrefix("s3://") {
            self = .s3(try S3Location(parsing: text))
        } else if text.hasPrefix("git:") {
            let branch = String(text.dropFirst(4))
            guard !branch.isEmpty else { throw PublishError.badTarget(text, reason: "expected git:BRANCH, e.g. git:gh-pages") }
            self = .git(branch: branch)
        } else if text.contains("://") {
            throw PublishError.badTarget(text, reason: "only s3:// URLs, git:BRANCH and directory paths are supported")
        } else {
            self = .directory(URL(fileURLWithPath: text, relativeTo: base).standardizedFileURL)
        }
    }
}
