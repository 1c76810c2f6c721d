/// Finds exact duplicates and conflicting keys among the rows that passed the reject rules.
///
/// A row's fingerprint is its exact key (year, NPI, drug identity: 96 bits) plus a 64-bit hash
/// of its figures and flags, never the row itself. CMS files and the PostgreSQL COPY arrive
/// grouped by prescriber within a year, so by default only the current (year, NPI) group is
/// held and memory stays at one group; a group that reappears after it closed raises
/// `notGrouped`, and the caller runs again with `grouped: false`, which keeps every
/// fingerprint (about 25 bytes a row).
struct FactDeduplicator {
    enum Outcome { case new, duplicate, conflict }
    struct NotGrouped: Error {}

    struct Key: Hashable {
        let group: UInt64
        let drug: Int32
    }

    let grouped: Bool
    private(set) var currentGroup: UInt64? = nil
    private var groupRows: [Int32: UInt64] = [:]
    private var closed = Set<UInt64>()
    private var all: [Key: UInt64] = [:]

    init(grouped: Bool) { self.grouped = grouped }

    static func group(year: Int32, npi: Int64) -> UInt64 { UInt64(UInt32(bitPattern: year)) << 34 | (UInt64(bitPattern: npi) & 0x3_FFFF_FFFF) }

    /// Checks a row; `onClose` is told of the group that ended (grouped mode) before the new one starts.
    mutating func check(group: UInt64, drug: Int32, fingerprint: UInt64, onClose: (UInt64) throws -> Void) throws -> Outcome {
        if grouped {
            if group != currentGroup {
                if let previous = currentGroup {
                    closed.insert(previous)
                    try onClose(previous)
                }
                guard !closed.contains(group) else { throw NotGrouped() }
                currentGroup = group
                groupRows.removeAll(keepingCapacity: true)
            }
            if let existing = groupRows[drug] { return existing == fingerprint ? .duplicate : .conflict }
            groupRows[drug] = fingerprint
            return .new
        }
        if currentGroup != group { currentGroup = group }
        let key = Key(group: group, drug: drug)
        if let existing = all[key] { return existing == fingerprint ? .duplicate : .conflict }
        all[key] = fingerprint
        return .new
    }

    /// Ends the last group (grouped mode).
    mutating func finish(onClose: (UInt64) throws -> Void) throws {
        if grouped, let previous = currentGroup {
            closed.insert(previous)
            currentGroup = nil
            try onClose(previous)
        }
    }
}

/// A 64-bit hash of a row's figures (nulls distinct from zeros).
struct FigureHasher {
    private(set) var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always) mutating func add(_ v: UInt64, valid: Bool) {
        let x = valid ? v : 0xDEAD_BEEF_0BAD_F00D
        state = (state ^ (x &+ (valid ? 0 : 1))) &* 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 32
    }

    var value: UInt64 {
        var z = state
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }
}
