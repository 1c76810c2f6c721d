import Foundation
import RxCore
import Site
import SiteAudit
import Runs

/// The disclosure audit as `run`, `render`, `publish` and `audit` use it: rules from the
/// configuration and the lake (pseudonymised when either says so, the real identities read from
/// the raw zone), and a refusal that names every finding.
public enum SiteAuditing {
    public static func rules(_ config: RxpipeConfig, lakeRoot: String) throws -> AuditRules {
        let policy = SiteInput.effectivePolicy(
            .init(suppressBelow: config.privacy.suppressBelow, pseudonymized: config.privacy.pseudonymize), lakeRoot: lakeRoot)
        let identities = policy.pseudonymized ? try LakeIdentities.read(lakeRoot: lakeRoot) : LakeIdentities()
        return AuditRules(suppressBelow: policy.suppressBelow, pseudonymized: policy.pseudonymized, identities: identities)
    }

    /// Throws a disclosure failure (exit 4) listing the findings, the first 20 in full.
    public static func refuse(_ findings: [AuditFinding], site: String) throws {
        guard !findings.isEmpty else { return }
        var lines = findings.prefix(20).map { "  \($0)" }
        if findings.count > 20 { lines.append("  … and \(findings.count - 20) more") }
        throw DisclosureRefusal(message:
            "the site \(site) breaks the disclosure policy (\(findings.count) finding\(findings.count == 1 ? "" : "s")); nothing was published:\n"
                + lines.joined(separator: "\n"))
    }
}

/// The audit's refusal (exit 4), passed through `rxpipe run`'s stage runner unchanged.
public struct DisclosureRefusal: StageRefusal, CustomStringConvertible {
    public let message: String
    public var exitCode: Int32 { 4 }
    public var description: String { message }
}
