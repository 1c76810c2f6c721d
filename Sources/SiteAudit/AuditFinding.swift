/// One thing a published site must never show, where it was found.
public struct AuditFinding: Sendable, Equatable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// A beneficiary count from 1 to the threshold − 1 beside its column name.
        case smallBeneficiaryCount = "small_beneficiary_count"
        /// A claim count of one row from 1 to the threshold − 1 beside its column name.
        case smallClaimCount = "small_claim_count"
        /// A sum (or a mean, which times the count is the sum) of beneficiaries.
        case beneficiarySum = "beneficiary_sum"
        /// A 65+ figure shown although its CMS flag (`*` or `#`) says it is suppressed.
        case flaggedValue = "cms_flagged_value"
        /// A total and a part shown whose difference is a count from 1 to the threshold − 1.
        case derivableRemainder = "derivable_remainder"
        /// A real NPI in a pseudonymised site.
        case realNPI = "real_npi"
        /// A real prescriber name in a pseudonymised site.
        case realName = "real_name"
        /// A source file, or a source and line, in a pseudonymised site.
        case sourceLocation = "source_location"
        /// A compressed file that does not decompress, so nothing in it can be checked.
        case unreadable = "unreadable"
    }

    public var kind: Kind
    /// The file, relative to the site root.
    public var path: String
    /// 1-based line and column (in bytes) of the finding in that file.
    public var line: Int
    public var column: Int
    /// What was found, with the offending value masked where it is an identity.
    public var detail: String

    public init(kind: Kind, path: String, line: Int, column: Int, detail: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.detail = detail
    }

    public var description: String { "\(path):\(line):\(column): \(kind.rawValue): \(detail)" }

    public static func < (a: AuditFinding, b: AuditFinding) -> Bool {
        (a.path, a.line, a.column, a.kind.rawValue) < (b.path, b.line, b.column, b.kind.rawValue)
    }
}
