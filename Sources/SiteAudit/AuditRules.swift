/// What the audit looks for: the threshold, and, for a pseudonymised lake, the identities that
/// must not appear (read from the lake's raw zone, where the real values still are).
public struct AuditRules: Sendable {
    /// Counts from 1 to `suppressBelow − 1` are never shown.
    public var suppressBelow: Int
    public var pseudonymized: Bool
    public var identities: LakeIdentities

    public init(suppressBelow: Int, pseudonymized: Bool, identities: LakeIdentities = LakeIdentities()) {
        self.suppressBelow = suppressBelow
        self.pseudonymized = pseudonymized
        self.identities = identities
    }

    /// A count the policy forbids: 1 … threshold − 1 (0 is not a suppressed count).
    func isSmall(_ value: Double) -> Bool { value >= 1 && value < Double(suppressBelow) }
}

/// The audit's own reading of column names (kept apart from the redaction code on purpose:
/// an independent check must not share the rules it checks).
enum SensitiveName {
    case beneficiaries, claims

    /// The kind of a name as it appears in a page, file or key, or nil.
    /// A column name is read word by word (words split at `_`): a word `benes` or one starting
    /// with `beneficiar` names beneficiaries (so "Benesetron", a drug, does not).
    static func of<S: StringProtocol>(_ name: S) -> SensitiveName? {
        let n = name.lowercased()
        let words = n.split(separator: "_")
        if words.contains(where: { $0 == "benes" || $0.hasPrefix("beneficiar") }) { return .beneficiaries }
        if n.hasSuffix("tot_clms") { return .claims }
        return nil
    }

    var smallKind: AuditFinding.Kind { self == .beneficiaries ? .smallBeneficiaryCount : .smallClaimCount }
}
