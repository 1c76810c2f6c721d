import Foundation

/// Credentials and region the way the AWS CLI and SDKs find them — never from rxpipe's config:
/// 1. `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`);
/// 2. the profile `AWS_PROFILE` (else `AWS_DEFAULT_PROFILE`, else `default`) in the shared
///    credentials file `AWS_SHARED_CREDENTIALS_FILE` (else `~/.aws/credentials`).
/// Region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`.
public struct AWSEnvironment: Sendable {
    public let variables: [String: String]

    public init(variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables
    }

    public var region: String {
        nonEmpty("AWS_REGION") ?? nonEmpty("AWS_DEFAULT_REGION") ?? "us-east-1"
    }

    public func credentials() throws -> AWSCredentials {
        let key = nonEmpty("AWS_ACCESS_KEY_ID")
        let secret = nonEmpty("AWS_SECRET_ACCESS_KEY")
        switch (key, secret) {
        case let (key?, secret?):
            return AWSCredentials(
                accessKeyId: key, secretAccessKey: secret, sessionToken: nonEmpty("AWS_SESSION_TOKEN"),
                source: "environment")
        case (_?, nil):
            throw PublishError.noCredentials(reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        case (nil, _?):
            throw PublishError.noCredentials(reason: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (nil, nil):
            break
        }
        let profile = nonEmpty("AWS_PROFILE") ?? nonEmpty("AWS_DEFAULT_PROFILE") ?? "default"
        let path = credentialsFilePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw PublishError.noCredentials(reason: "no access key in the environment and no file \(path)")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PublishError.credentialsFile(path: path, line: 0, reason: "cannot be read as UTF-8 text")
        }
        let sections = try SharedCredentialsFile.parse(text, path: path)
        guard let section = sections[profile] else {
            throw PublishError.noCredentials(reason: "profile \(profile) is not in \(path)")
        }
        guard let id = section["aws_access_key_id"], let secretKey = section["aws_secret_access_key"] else {
            throw PublishError.noCredentials(
                reason: "profile \(profile) in \(path) lacks aws_access_key_id or aws_secret_access_key")
        }
        return AWSCredentials(
            accessKeyId: id, secretAccessKey: secretKey,
            sessionToken: section["aws_session_token"] ?? section["aws_security_token"],
            source: "profile \(profile) in \(path)")
    }

    var credentialsFilePath: String {
        if let path = nonEmpty("AWS_SHARED_CREDENTIALS_FILE") { return expandTilde(path) }
        let home = nonEmpty("HOME") ?? NSHomeDirectory()
        return home + "/.aws/credentials"
    }

    private func expandTilde(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (nonEmpty("HOME") ?? NSHomeDirectory()) + path.dropFirst()
    }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }
}

/// The INI dialect of `~/.aws/credentials`: `[profile]` sections of `key = value` lines;
/// `#` and `;` start comment lines. Keys are case-insensitive; the last repeat wins.
enum SharedCredentialsFile {
    static func parse(_ text: String, path: String) throws -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw PublishError.credentialsFile(path: path, line: index + 1, reason: "a section header without ]")
                }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                // ~/.aws/config spells sections "profile NAME"; accept it here too.
                current = name.hasPrefix("profile ") ? String(name.dropFirst(8)).trimmingCharacters(in: .whitespaces) : name
                sections[current!, default: [:]] = sections[current!] ?? [:]
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw PublishError.credentialsFile(path: path, line: index + 1, reason: "expected key = value")
            }
            guard let section = current else {
                throw PublishError.credentialsFile(path: path, line: index + 1, reason: "a key before any [profile] section")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[section]![key] = value
        }
        return sections
    }
}
