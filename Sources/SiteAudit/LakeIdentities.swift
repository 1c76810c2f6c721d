import Foundation
import Lake

/// The real identities of a lake's prescribers, read from its raw zone (the only zone that keeps
/// them when pseudonymising): NPIs, person names as "First Last", and the source files rows
/// came from.
public struct LakeIdentities: Sendable {
    public var npis: Set<Int64> = []
    /// Person names as word sequences (see `Words`), filed by the hash of their last two words.
    var names: [UInt64: [[UInt64]]] = [:]
    public private(set) var nameCount = 0
    /// Source file names (a `_source` with a dot; table names are too common a word to search).
    public var sourceFiles: Set<[UInt8]> = [] {
        didSet { sourceFileLengths = Set(sourceFiles.map(\.count)) }
    }
    private(set) var sourceFileLengths: Set<Int> = []

    public init() {}

    /// Reads every raw table's NPI, first and last name and `_source` columns.
    public static func read(lakeRoot: String) throws -> LakeIdentities {
        var out = LakeIdentities()
        let lake = Lake(root: lakeRoot)
        var seenPairs = Set<[UInt8]>()
        for zone in ["raw", "quarantine"] {
            for name in (try? lake.tables(zone: zone)) ?? [] {
                let table = try lake.open(name)
                let fields = Set(table.schema.fields.map(\.name))
                func pick(_ candidates: [String]) -> String? { candidates.first { fields.contains($0) } }
                let npi = pick(["Prscrbr_NPI", "npi", "prscrbr_npi"])
                let first = pick(["Prscrbr_First_Name", "first_name", "prscrbr_first_name"])
                let last = pick(["Prscrbr_Last_Org_Name", "last_org_name", "prscrbr_last_org_name"])
                let columns = [npi, first, last, fields.contains("_source") ? "_source" : nil].compactMap { $0 }
                guard !columns.isEmpty else { continue }
                try table.scan(columns: columns) { batch in
                    if let npi, let column = batch[npi] { out.addNPIs(column) }
                    if let first, let last, let f = batch[first], let l = batch[last] {
                        out.addNames(first: f, last: l, seen: &seenPairs)
                    }
                    if let column = batch["_source"] { out.addSources(column) }
                }
            }
        }
        return out
    }

    mutating func addNPIs(_ column: ColumnVector) {
        var previous: Int64 = -1
        func add(_ v: Int64) {
            guard v != previous else { return }
            previous = v
            if v >= 1_000_000_000 && v <= 9_999_999_999 { npis.insert(v) }
        }
        switch column.values {
        case .int64(let values): for (i, v) in values.enumerated() where !column.isNull(i) { add(v) }
        case .int32(let values): for (i, v) in values.enumerated() where !column.isNull(i) { add(Int64(v)) }
        default:
            // Text NPIs (quarantine keeps original values as text).
            for i in 0..<column.count where !column.isNull(i) {
                if let s = Self.text(column, i), let v = Int64(s) { add(v) }
            }
        }
    }

    mutating func addNames(first: ColumnVector, last: ColumnVector, seen: inout Set<[UInt8]>) {
        let n = min(first.count, last.count)
        if case .dictionary(let f) = first.values, case .dictionary(let l) = last.values {
            // Rows come grouped by prescriber: each distinct index pair makes one string.
            var pairs = Set<Int64>()
            var previous: Int64 = -1
            for i in 0..<n where !first.isNull(i) && !last.isNull(i) {
                let packed = Int64(f.indices[i]) << 32 | Int64(l.indices[i])
                if packed != previous { pairs.insert(packed); previous = packed }
            }
            for packed in pairs.sorted() {
                addName(f.dictionary[Int(packed >> 32)] + " " + l.dictionary[Int(packed & 0xFFFF_FFFF)], seen: &seen)
            }
            return
        }
        var previous = ""
        for i in 0..<n where !first.isNull(i) && !last.isNull(i) {
            guard let f = Self.text(first, i), let l = Self.text(last, i) else { continue }
            let name = f + " " + l
            if name != previous { addName(name, seen: &seen); previous = name }
        }
    }

    /// Files a person's displayed name ("First Last"); names of one word are not searched.
    mutating func addName(_ name: String, seen: inout Set<[UInt8]>) {
        let bytes = Array(name.utf8)
        guard seen.insert(bytes).inserted else { return }
        var words: [UInt64] = []
        bytes.withUnsafeBufferPointer { Words.scan($0) { hash, _, _ in words.append(hash) } }
        guard words.count >= 2 else { return }
        let key = Words.pair(words[words.count - 2], words[words.count - 1])
        if names[key]?.contains(words) == true { return }
        names[key, default: []].append(words)
        nameCount += 1
    }

    mutating func addSources(_ column: ColumnVector) {
        switch column.values {
        case .dictionary(let d):
            for i in 0..<d.dictionary.count { addSource(d.dictionary[i]) }
        default:
            var previous = ""
            for i in 0..<column.count where !column.isNull(i) {
                guard let s = Self.text(column, i), s != previous else { continue }
                previous = s
                addSource(s)
            }
        }
    }

    mutating func addSource(_ source: String) {
        let file = (source as NSString).lastPathComponent
        if file.contains(".") { sourceFiles.insert(Array(file.utf8)) }
    }

    static func text(_ column: ColumnVector, _ i: Int) -> String? {
        switch column.values {
        case .string(let s): return s[i]
        case .dictionary(let d): return d.dictionary[Int(d.indices[i])]
        default: return nil
        }
    }
}
