/// Drug identity: a (brand, generic) pair compared case-insensitively after normalisation.
///
/// The cleansed `drug_id` is a function of the identity alone: FNV-1a over the upper-cased
/// names folded into 1…2^31-1. Collisions are resolved after the whole drug universe of the
/// raw input is known, probing upward in the byte order of the identities, so the ids do not
/// depend on the source (CSV or PostgreSQL) or on row order. The published spelling is the
/// byte-wise smallest normalised spelling seen for the identity.
struct DrugIdentities {
    struct Key: Hashable {
        let brand: String
        let generic: String
    }

    var brands = TextInterner()
    var generics = TextInterner()
    private var pairs: [UInt64: Int32] = [:]
    private var index: [Key: Int32] = [:]
    /// By identity index: the upper-cased key and the smallest spelling.
    private(set) var keys: [Key] = []
    private(set) var spellings: [Key] = []
    /// By identity index, once `assignIDs` ran.
    private(set) var ids: [Int32] = []

    var count: Int { keys.count }

    /// The identity of interned brand and generic ids (-1 when either is missing).
    mutating func identity(brand: Int32, generic: Int32) -> Int32 {
        guard brand >= 0, generic >= 0 else { return -1 }
        let packed = UInt64(UInt32(bitPattern: brand)) << 32 | UInt64(UInt32(bitPattern: generic))
        if let i = pairs[packed] { return i }
        let spelling = Key(brand: brands.values[Int(brand)], generic: generics.values[Int(generic)])
        let key = Key(brand: spelling.brand.uppercased(), generic: spelling.generic.uppercased())
        let i: Int32
        if let existing = index[key] {
            i = existing
            if Self.less(spelling, spellings[Int(i)]) { spellings[Int(i)] = spelling }
        } else {
            i = Int32(keys.count)
            keys.append(key)
            spellings.append(spelling)
            index[key] = i
        }
        pairs[packed] = i
        return i
    }

    /// Gives every identity known so far its final id.
    mutating func assignIDs() {
        let order = keys.indices.sorted { Self.less(keys[$0], keys[$1]) }
        var taken = Set<Int32>()
        ids = Array(repeating: 0, count: keys.count)
        for i in order {
            var candidate = Self.hash(keys[i])
            while taken.contains(candidate) { candidate = candidate == Int32.max ? 1 : candidate + 1 }
            taken.insert(candidate)
            ids[i] = candidate
        }
    }

    static func hash(_ key: Key) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.brand.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3
        for byte in key.generic.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int32(hash % 2_147_483_647) + 1
    }

    static func less(_ a: Key, _ b: Key) -> Bool {
        if a.brand != b.brand { return Array(a.brand.utf8).lexicographicallyPrecedes(Array(b.brand.utf8)) }
        return Array(a.generic.utf8).lexicographicallyPrecedes(Array(b.generic.utf8))
    }
}
