import Lake

/// The state of a prescriber is an attribute of the NPI, not of each row: on the CMS wide
/// layout every row repeats it. A row whose own state code is unknown (a typo such as `QQ`)
/// takes the state the NPI's other rows that year agree on — the most frequent known state,
/// ties by first seen — exactly as the four-table source does, where `db load` keeps one
/// prescriber row per NPI. Only an NPI-year with no known state at all is rejected
/// (`state_known`). This keeps the CSV and PostgreSQL paths over the same data identical.
///
/// Built before the rule pass: one scan of the state column (cheap: it is dictionary-encoded
/// and almost always clean), and two more of NPI, state and year only when unknown codes
/// were seen.
struct StateSubstitutes {
    struct Key: Hashable {
        let year: Int32
        let npi: Int64
    }

    /// NPI-year → `StateReference` index of the state its unknown-state rows take.
    private(set) var states: [Key: Int32] = [:]

    static func build(_ table: LakeTable, tuples: inout PrescriberTuples) throws -> StateSubstitutes {
        var out = StateSubstitutes()
        // Pass 1, the state column alone: is any code unknown? (Almost never; then done.)
        var anyUnknown = false
        try table.scan(columns: ["Prscrbr_State_Abrvtn"]) { batch in
            if !anyUnknown { anyUnknown = Self.states(batch.columns[0], &tuples).contains(-1) }
        }
        guard anyUnknown else { return out }
        // Pass 2: the NPI-years with an unknown code. Pass 3: their known codes, counted.
        var unknown = Set<Key>()
        try scan(table, tuples: &tuples) { key, state in if state < 0 { unknown.insert(key) } }
        var votes: [Key: [(state: Int32, count: Int)]] = [:]
        try scan(table, tuples: &tuples) { key, state in
            guard state >= 0, unknown.contains(key) else { return }
            var list = votes[key, default: []]
            if let i = list.firstIndex(where: { $0.state == state }) { list[i].count += 1 } else { list.append((state, 1)) }
            votes[key] = list
        }
        for (key, list) in votes {
            var best = list[0]
            for candidate in list.dropFirst() where candidate.count > best.count { best = candidate }
            out.states[key] = best.state
        }
        return out
    }

    func state(year: Int32, npi: Int64) -> Int32? { states.isEmpty ? nil : states[Key(year: year, npi: npi)] }

    /// The `StateReference` index of each row's state (-1 when missing or unknown).
    private static func states(_ column: ColumnVector, _ tuples: inout PrescriberTuples) -> [Int32] {
        let ids = tuples.stateText.ids(for: column)
        var lookup: [Int32] = []
        return ids.map { id in
            guard id >= 0 else { return -1 }
            let i = Int(id)
            if i >= lookup.count { lookup += Array(repeating: -2, count: i - lookup.count + 1) }
            if lookup[i] == -2 { lookup[i] = tuples.stateIndex(id) }
            return lookup[i]
        }
    }

    /// Calls `body` per row with its NPI-year and state index (-1 unknown); rows without an
    /// NPI or year are skipped (they fail `required` anyway).
    private static func scan(_ table: LakeTable, tuples: inout PrescriberTuples, _ body: (Key, Int32) -> Void) throws {
        try table.scan(columns: ["Prscrbr_NPI", "Prscrbr_State_Abrvtn", "year"]) { batch in
            let npi = NullableInts(batch.columns[0]), year = NullableInts(batch.columns[2])
            let states = Self.states(batch.columns[1], &tuples)
            for r in 0..<batch.rowCount {
                guard let n = npi.get(r), let y = year.get(r) else { continue }
                body(Key(year: Int32(truncatingIfNeeded: y), npi: n), states[r])
            }
        }
    }
}
