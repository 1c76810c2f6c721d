/// Whether a Part D product is a generic: its brand name (`Brnd_Name`) is its generic name
/// (`Gnrc_Name`) in other words. The one place rxpipe decides `cleansed/drug.is_generic`; every
/// curated table, KPI, chart and the run diff read that column.
///
/// CMS labels a generic product with its generic name in the brand field, but seldom in the same
/// words: `Hydrocodone-Acetaminophen` for `Hydrocodone/Acetaminophen`, `Acetaminophen-Codeine` for
/// `Acetaminophen With Codeine`, `Oxycodone-Acetaminophen` for `Oxycodone Hcl/Acetaminophen`,
/// `Morphine Sulfate Er` for `Morphine Sulfate`. Comparing the fields for equality counts all of
/// those as brands. The rule therefore reduces both names to their ingredient words and compares
/// those:
///
/// 1. Lower case; every character other than a letter or digit (`-` `/` `,` `.` `(` `&` …) splits words.
/// 2. CMS's abbreviations of whole ingredients are spelled out (`Hctz` → hydrochlorothiazide).
/// 3. Connectors (`With`, `And`), release and dosage forms and devices (`Er`, `Xl`, `Odt`, `Hfa`,
///    `Patch`, `Pen`, `Kwikpen`, `24h`, …), descriptors of biologics (`Hum.Rec.Anlog`) and bare
///    numbers are dropped.
/// 4. Salt, ester and hydrate words (`Hcl`, `Sodium`, `Besylate`, `Sulfate`, …) are dropped unless
///    nothing else is left (`Potassium Chloride` stays as it is).
/// 5. The product is generic when the two word lists hold the same words in any order. CMS
///    abbreviates words of long names (`Amoxicillin/Potassium Clav`, `Fluticasone/Umeclidin/Vilanter`):
///    a word of at least four letters matches a longer word it begins, provided the names share
///    another word exactly or one is as long as CMS's 30-character field. A name of that length
///    may also have been cut: it matches when its words are the first words of the other.
///
/// A brand keeps a word of its own (`Lipitor`, `Lantus Solostar` → `lantus`, `Tylenol-Codeine` →
/// `tylenol codeine`), so it never equals the ingredient words. Users can still override the rule
/// for named products with `[drugs] generic` and `[drugs] brand` (`GenericClassifier`).
public enum GenericNameRule {
    /// True when `brand` names the product by its generic name `generic`.
    public static func isGeneric(brand: String, generic: String) -> Bool {
        let b = Name(brand), g = Name(generic)
        if b.text == g.text { return true }
        guard !b.words.isEmpty, !g.words.isEmpty else { return false }
        if b.words.count == g.words.count { return sameWords(b, b.words, g, g.words) }
        let (short, long) = b.words.count < g.words.count ? (b, g) : (g, b)
        return short.mayBeCut && sameWords(short, short.words, long, Array(long.words.prefix(short.words.count)))
    }

    /// The ingredient words of `name` (steps 1–4), for tests and the methodology page.
    public static func words(_ name: String) -> [String] { Name(name).words }
}

private extension GenericNameRule {
    struct Name {
        /// Lower-cased text with single spaces.
        let text: String
        let words: [String]
        /// As long as CMS's field: possibly cut or abbreviated.
        let mayBeCut: Bool

        init(_ raw: String) {
            let lower = raw.lowercased()
            var tokens: [String] = []
            var current = ""
            for scalar in lower.unicodeScalars {
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    current.unicodeScalars.append(scalar)
                } else if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
            }
            if !current.isEmpty { tokens.append(current) }
            text = tokens.joined(separator: " ")
            mayBeCut = raw.count >= GenericNameVocabulary.fieldWidth
            let active = tokens.map { GenericNameVocabulary.synonyms[$0] ?? $0 }.filter { !Self.isNoise($0) }
            let ingredients = active.filter { !GenericNameVocabulary.salts.contains($0) }
            words = ingredients.isEmpty ? active : ingredients
        }

        static func isNoise(_ word: String) -> Bool {
            if GenericNameVocabulary.connectors.contains(word) || GenericNameVocabulary.forms.contains(word)
                || GenericNameVocabulary.descriptors.contains(word) { return true }
            // Bare numbers and durations: `70`, `24h`, `12hr`.
            var digits = Substring(word)
            while let first = digits.first, first.isASCII, first.isNumber { digits.removeFirst() }
            return digits.count < word.count && (digits.isEmpty || digits == "h" || digits == "hr")
        }
    }

    /// The same words in any order. A word of at least four letters may stand for a longer word
    /// it begins when the names also share a word exactly (`Amoxicillin/Potassium Clav`) or one
    /// of them is as long as CMS's field; a lone brand word such as `Cipro` never does.
    static func sameWords(_ a: Name, _ wordsA: [String], _ b: Name, _ wordsB: [String]) -> Bool {
        var unmatched = wordsB
        var pending: [String] = []
        for word in wordsA {
            if let i = unmatched.firstIndex(of: word) { unmatched.remove(at: i) } else { pending.append(word) }
        }
        if pending.isEmpty { return unmatched.isEmpty }
        guard pending.count < wordsA.count || a.mayBeCut || b.mayBeCut else { return false }
        for word in pending {
            guard let i = unmatched.firstIndex(where: { abbreviates(word, $0) }) else { return false }
            unmatched.remove(at: i)
        }
        return unmatched.isEmpty
    }

    static func abbreviates(_ x: String, _ y: String) -> Bool {
        let (short, long) = x.count <= y.count ? (x, y) : (y, x)
        return short.count >= 4 && long.hasPrefix(short)
    }
}
