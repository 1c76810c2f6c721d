import Lake

/// The order group of each row of a per-state download: its year and specialty
/// (`prescriber_type`), interned within one chunk of rows. A row's group is found by hashing the
/// year and the specialty's bytes in place and comparing with the groups seen so far, so no
/// String is built per row (a million rows at 25 M source rows); the text of a group
/// ("2022\u{1}Cardiology", ordering as year, then specialty) is built once, when first seen.
struct OrderGroups {
    private let year: ColumnVector?
    private let specialty: ColumnVector
    private var byHash: [Int: [Int32]] = [:]
    private var members: [(year: Int64?, specialty: [UInt8]?)] = []
    /// The groups' texts, by id.
    private(set) var texts: [String] = []

    init(year: ColumnVector?, specialty: ColumnVector) {
        self.year = year
        self.specialty = specialty
    }

    mutating func id(row r: Int) -> Int32 {
        let y: Int64? = year.flatMap { $0.isNull(r) ? nil : $0.number(r).map { Int64($0) } }
        let null = specialty.isNull(r)
        var hasher = Hasher()
        hasher.combine(y)
        hasher.combine(null)
        if !null { Self.withBytes(specialty, r) { hasher.combine(bytes: $0) } }
        let hash = hasher.finalize()
        for id in byHash[hash] ?? [] {
            let m = members[Int(id)]
            guard m.year == y, (m.specialty == nil) == null else { continue }
            if null || Self.withBytes(specialty, r, { $0.elementsEqual(m.specialty!) }) { return id }
        }
        let id = Int32(members.count)
        let bytes: [UInt8]? = null ? nil : Self.withBytes(specialty, r) { Array($0) }
        members.append((y, bytes))
        byHash[hash, default: []].append(id)
        let yearText = y.map(String.init) ?? ""
        texts.append(yearText + "\u{1}" + (bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""))
        return id
    }

    private static func withBytes<R>(_ column: ColumnVector, _ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch column.values {
        case .string(let v): return v.withBytes(r, body)
        case .dictionary(let d): return d.dictionary.withBytes(Int(d.indices[r]), body)
        default:
            var bytes: [UInt8] = []
            CSVExport.append(column, row: r, to: &bytes)
            return bytes.withUnsafeBytes(body)
        }
    }
}
