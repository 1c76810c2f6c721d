/// Gives each (brand, generic) pair a deterministic `drug_id`: FNV-1a of the two names,
/// folded into 1…2^31-1, probing upward on the rare collision. Pairs already in the table keep
/// their ids, so reloading the same files never renumbers a drug.
struct DrugCatalog {
    struct Key: Hashable {
        let brand: String
        let generic: String
    }

    private(set) var ids: [Key: Int32] = [:]
    private var taken: Set<Int32> = []
    /// Pairs this load added, in first-seen order.
    private(set) var added: [(id: Int32, key: Key)] = []

    init(existing: [(id: Int32, brand: String, generic: String)] = []) {
        for drug in existing {
            ids[Key(brand: drug.brand, generic: drug.generic)] = drug.id
            taken.insert(drug.id)
        }
    }

    mutating func id(brand: String, generic: String) -> Int32 {
        let key = Key(brand: brand, generic: generic)
        if let id = ids[key] { return id }
        var candidate = Self.hash(key)
        while taken.contains(candidate) { candidate = candidate == Int32.max ? 1 : candidate + 1 }
        ids[key] = candidate
        taken.insert(candidate)
        added.append((candidate, key))
        return candidate
    }

    static func hash(_ key: Key) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.brand.utf8 + [0x1F] + key.generic.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int32(hash % 2_147_483_647) + 1
    }
}

/// Picks each prescriber's attributes: the combination seen on the most rows, ties broken by
/// the smallest text so the choice never depends on order.
struct PrescriberVotes {
    private var votes: [Int64: [[String]: Int]] = [:]

    mutating func add(npi: Int64, attributes: [String]) {
        votes[npi, default: [:]][attributes, default: 0] += 1
    }

    var count: Int { votes.count }

    /// (npi, attributes) sorted by NPI.
    func winners() -> [(npi: Int64, attributes: [String])] {
        votes.keys.sorted().map { npi in
            let best = votes[npi]!.max { a, b in a.value != b.value ? a.value < b.value : a.key.lexicographicallyPrecedes(b.key) == false }!
            return (npi, best.key)
        }
    }
}
