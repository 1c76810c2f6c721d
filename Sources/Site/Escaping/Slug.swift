/// File-name and anchor-safe names made from untrusted text: lower-case ASCII letters, digits
/// and single hyphens, never empty, never `.`/`..`, bounded length. Distinct inputs that fold
/// to the same slug are told apart by `SlugRegistry`.
public enum Slug {
    public static func make(_ text: String, maxLength: Int = 60) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            let v = scalar.value
            if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) {
                if pendingHyphen, !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
                if out.count >= maxLength { break }
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "x" : out
    }
}

/// Hands out unique slugs in a deterministic order: the first text to claim a slug keeps it,
/// later ones get `-2`, `-3`, …
public struct SlugRegistry: Sendable {
    private var byText: [String: String] = [:]
    private var taken: Set<String> = []

    public init() {}

    public mutating func slug(for text: String) -> String {
        if let existing = byText[text] { return existing }
        let base = Slug.make(text)
        var candidate = base
        var n = 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        taken.insert(candidate)
        byText[text] = candidate
        return candidate
    }
}
