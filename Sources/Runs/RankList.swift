import Curated

/// A top list (top 10 drugs by claims, the 25 drugs of each state, …) compared by entity: who
/// moved from one rank to another, who entered, who left. Groups (a year, a state's year) are
/// compared only when both runs have them; a new data year is a summary item, not a move.
public struct RankList: Codable, Sendable, Equatable {
    public struct Move: Codable, Sendable, Equatable {
        /// The group's values (in `RankList.group` order).
        public var group: [String]
        public var entity: String
        /// A prescriber's display name when the entity is an NPI.
        public var name: String?
        /// Rank in run A, nil when absent; above `size` it was outside the list.
        public var from: Int?
        public var to: Int?
    }

    public enum Kind: String, Sendable { case moved, entered, left }

    public var table: String
    public var rankColumn: String
    public var group: [String]
    public var entityColumn: String
    /// The list's length (ranks 1…size).
    public var size: Int
    /// Every move of the list; `moves` holds the first ones, top ranks first.
    public var total: Int
    public var moves: [Move]

    enum CodingKeys: String, CodingKey {
        case table, group, size, total, moves
        case rankColumn = "rank_column", entityColumn = "entity_column"
    }

    public func kind(_ m: Move) -> Kind {
        if m.from.map({ $0 > size }) ?? true { return .entered }
        if m.to.map({ $0 > size }) ?? true { return .left }
        return .moved
    }
}

extension RankList {
    /// The lists compared, with their group and entity columns; nil size: the table's largest rank.
    static let definitions: [(table: String, rank: String, group: [String], entity: String, size: Int?)] = [
        ("generic_summary", "rank_claims", ["year"], "generic_name", 10),
        ("generic_summary", "rank_cost", ["year"], "generic_name", 10),
        ("state_drug", "rank", ["year", "state"], "generic_name", nil),
        ("specialty_drug", "rank", ["year", "prescriber_type"], "generic_name", nil),
        ("top_prescribers_by_state", "rank", ["year", "state"], "npi", nil),
    ]

    /// The lists of `table` compared between two runs' rows.
    static func compare(table: String, _ a: TableRows, _ b: TableRows, limit: Int) -> [RankList] {
        definitions.filter { $0.table == table }.compactMap { d in
            guard a.column(d.rank) != nil, b.column(d.rank) != nil else { return nil }
            let ra = ranks(a, d.rank, d.group, d.entity), rb = ranks(b, d.rank, d.group, d.entity)
            let size = d.size ?? (ra.values.flatMap(\.values) + rb.values.flatMap(\.values)).map(\.rank).max() ?? 0
            var moves: [Move] = []
            for (group, before) in ra {
                guard let after = rb[group] else { continue }
                for entity in Set(before.keys).union(after.keys) {
                    let from = before[entity]?.rank, to = after[entity]?.rank
                    let inA = from.map { $0 <= size } ?? false, inB = to.map { $0 <= size } ?? false
                    guard inA || inB, from != to else { continue }
                    moves.append(Move(group: group, entity: entity, name: after[entity]?.name ?? before[entity]?.name, from: from, to: to))
                }
            }
            func best(_ m: Move) -> Int { min(m.from.flatMap { $0 <= size ? $0 : nil } ?? .max, m.to.flatMap { $0 <= size ? $0 : nil } ?? .max) }
            // The latest year first, then the top of the list first.
            let yearAt = d.group.firstIndex(of: "year")
            func year(_ m: Move) -> Int { yearAt.flatMap { Int(m.group[$0]) } ?? 0 }
            moves.sort { x, y in
                if year(x) != year(y) { return year(x) > year(y) }
                if best(x) != best(y) { return best(x) < best(y) }
                if x.group != y.group { return EntityComparison.before(x.group, y.group) }
                return EntityComparison.before([x.entity], [y.entity])
            }
            return RankList(table: table, rankColumn: d.rank, group: d.group, entityColumn: d.entity, size: size, total: moves.count,
                            moves: Array(moves.prefix(limit)))
        }
    }

    /// group values → entity → rank (and display name).
    static func ranks(_ t: TableRows, _ rank: String, _ group: [String], _ entity: String) -> [[String]: [String: (rank: Int, name: String?)]] {
        var out: [[String]: [String: (rank: Int, name: String?)]] = [:]
        for row in t.allRows {
            guard let r = row.int(rank) else { continue }
            let g = group.map { DiffValue(row.value($0)).keyText }
            out[g, default: [:]][DiffValue(row.value(entity)).keyText] = (r, row.string("display_name"))
        }
        return out
    }
}
