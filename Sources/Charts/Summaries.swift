import RxCore

/// One-sentence summaries for text alternatives, written from the data.
enum Summaries {
    /// "12 bars from Eliquis (1.2B) down to Zetia (3.4M)."; highlight and missing values noted.
    static func ranking(_ items: [(String, Double)], format: HumanNumber, highlighted: Int?, noun: String) -> String {
        let finite = items.filter { $0.1.isFinite }
        guard let top = finite.max(by: { $0.1 < $1.1 }), let bottom = finite.min(by: { $0.1 < $1.1 }) else {
            return items.isEmpty ? "No data to show." : "\(items.count) \(noun), all without a value."
        }
        var sentence: String
        if finite.count == 1 || top.1 == bottom.1 {
            sentence = finite.count == 1
                ? "One value: \(label(top.0)) at \(format.format(top.1))"
                : "\(finite.count) \(noun), all at \(format.format(top.1))"
        } else {
            sentence = "\(items.count) \(noun), highest \(label(top.0)) at \(format.format(top.1)), lowest \(label(bottom.0)) at \(format.format(bottom.1))"
        }
        if let highlighted, items.indices.contains(highlighted) {
            sentence += "; highlighted: \(label(items[highlighted].0)) at \(format.format(items[highlighted].1))"
        }
        let missing = items.count - finite.count
        if missing > 0 { sentence += "; \(missing) without a value" }
        return sentence + "."
    }

    static func label(_ text: String) -> String {
        let cleaned = TextSafety.clean(text)
        return cleaned.isEmpty ? "(unnamed)" : cleaned
    }
}
