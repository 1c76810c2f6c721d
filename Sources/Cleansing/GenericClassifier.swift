/// Classifies products as generic or brand: the user's overrides first (`[drugs] generic`,
/// `[drugs] brand`, matched on the brand name as drug identity compares names: normalised text,
/// case-insensitive), then `GenericNameRule`.
public struct GenericClassifier: Sendable, Equatable {
    /// Normalised, upper-cased brand names always classified as generic.
    public let genericNames: Set<String>
    /// Normalised, upper-cased brand names always classified as brand.
    public let brandNames: Set<String>

    public init(generic: [String] = [], brand: [String] = []) {
        genericNames = Set(generic.map(Self.key))
        brandNames = Set(brand.map(Self.key))
    }

    public func isGeneric(brand: String, generic: String) -> Bool {
        let key = Self.key(brand)
        if genericNames.contains(key) { return true }
        if brandNames.contains(key) { return false }
        return GenericNameRule.isGeneric(brand: brand, generic: generic)
    }

    static func key(_ name: String) -> String { (TextNormalization.normalize(name) ?? "").uppercased() }
}
