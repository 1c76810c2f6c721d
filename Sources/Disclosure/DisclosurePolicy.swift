/// The rules every published figure passes (methodology page, "Disclosure policy"):
///
/// 1. Beneficiary counts are never shown below `suppressBelow` and never summed.
/// 2. Claim counts of one row are never shown below `suppressBelow` (with the row's other
///    measures, which reveal them).
/// 3. Values CMS suppressed (`*` primary, `#` complementary flags) are never shown.
/// 4. Complementary suppression: where a total and a part are both shown, the remainder is a
///    count too; when it is below the threshold the part is hidden as well.
/// 5. With pseudonymisation on, no real NPI, prescriber name or source file and line is shown.
///
/// Prescriber counts are shown at any size, as CMS's own by-Geography tables do: the rule
/// protects beneficiaries, and every prescriber in the source is already published by name.
public struct DisclosurePolicy: Sendable, Equatable {
    /// Counts below this are never shown (CMS: 11).
    public var suppressBelow: Int
    /// NPIs were replaced by pseudonyms: real identities must not reach the site.
    public var pseudonymized: Bool

    public init(suppressBelow: Int, pseudonymized: Bool) {
        self.suppressBelow = suppressBelow
        self.pseudonymized = pseudonymized
    }

    /// What replaces a value the policy withholds.
    public static let suppressed = "suppressed"
    /// What replaces an identity withheld under pseudonymisation.
    public static let withheld = "withheld"

    /// Whether a count of this column may be shown.
    public func mayShow(count: Double, column: ColumnSensitivity) -> Bool {
        guard !column.isDisjoint(with: .smallCounts) else { return true }
        return count >= Double(suppressBelow)
    }

    /// Whether real values of the column may be shown at all.
    public func mayShowValues(of column: ColumnSensitivity) -> Bool {
        !pseudonymized || column.isDisjoint(with: [.identifier, .personName, .sourceLocation])
    }
}
