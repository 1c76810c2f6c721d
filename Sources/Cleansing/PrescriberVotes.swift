/// The attribute tuples each (year, NPI) was seen with on cleansed rows; the winner is the
/// most frequent, ties going to the first seen. The group being added to is held apart from
/// the map, so grouped input costs no hashing per row.
struct PrescriberVotes {
    struct Candidate {
        let tuple: Int32
        var count: Int
        let firstLine: Int64
        let firstSource: String
    }

    private var groups: [UInt64: [Candidate]] = [:]
    private var order: [UInt64] = []
    private var currentGroup: UInt64? = nil
    private var current: [Candidate] = []

    mutating func add(group: UInt64, tuple: Int32, line: Int64, source: @autoclosure () -> String) {
        if currentGroup != group {
            if let previous = currentGroup { groups[previous] = current }
            currentGroup = group
            if let existing = groups.removeValue(forKey: group) {
                current = existing
            } else {
                current = []
                order.append(group)
            }
        }
        if let i = current.firstIndex(where: { $0.tuple == tuple }) {
            current[i].count += 1
        } else {
            current.append(Candidate(tuple: tuple, count: 1, firstLine: line, firstSource: source()))
        }
    }

    /// Removes and returns one group's candidates (winner first, then the others in first-seen order).
    mutating func take(_ group: UInt64) -> [Candidate] {
        if currentGroup == group {
            currentGroup = nil
            let c = current
            current = []
            return Self.ranked(c)
        }
        return groups.removeValue(forKey: group).map(Self.ranked) ?? []
    }

    /// Every remaining group in first-seen order.
    mutating func takeAll() -> [(UInt64, [Candidate])] {
        if let previous = currentGroup { groups[previous] = current }
        currentGroup = nil
        current = []
        let out = order.compactMap { g in groups[g].map { (g, Self.ranked($0)) } }
        groups = [:]
        order = []
        return out
    }

    static func ranked(_ candidates: [Candidate]) -> [Candidate] {
        guard candidates.count > 1 else { return candidates }
        var best = 0
        for i in 1..<candidates.count where candidates[i].count > candidates[best].count { best = i }
        var out = [candidates[best]]
        for (i, c) in candidates.enumerated() where i != best { out.append(c) }
        return out
    }
}
