/// One row a rule fired on, as `quality.json` shows it.
public struct RuleExample: Codable, Sendable, Equatable {
    public let table: String
    public let source: String
    public let line: Int64
    public let message: String
    /// Original values as text (identifying values replaced when pseudonymising).
    public let values: [String: String?]
}

/// Counts per rule and the first examples in source order.
struct RuleLedger {
    static let maxExamples = 5
    fileprivate(set) var counts: [CleanseRule: Int] = [:]
    fileprivate(set) var examples: [CleanseRule: [RuleExample]] = [:]

    mutating func record(_ rule: CleanseRule, _ example: () -> RuleExample) {
        counts[rule, default: 0] += 1
        if examples[rule, default: []].count < Self.maxExamples { examples[rule, default: []].append(example()) }
    }

    func count(_ rule: CleanseRule) -> Int { counts[rule] ?? 0 }
}

extension RuleLedger {
    /// Adds another ledger's counts; its examples follow ours up to the limit.
    mutating func merge(_ other: RuleLedger) {
        for (rule, n) in other.counts { counts[rule, default: 0] += n }
        for (rule, list) in other.examples {
            let room = Self.maxExamples - examples[rule, default: []].count
            if room > 0 { examples[rule, default: []] += list.prefix(room) }
        }
    }
}
