import Columnar
import Lake

/// `cleansed/prescriber` in memory, ordered by (year, npi): prescriber index p is the row in
/// that order, so the rows of one year are the contiguous range `yearStart[y]..<yearStart[y+1]`
/// and iterating p in order is the curated key order.
struct PrescriberDimension: Sendable {
    /// Distinct years, ascending; y is an index into it.
    let years: [Int32]
    let yearStart: [Int]
    let npi: [Int64]
    let yearOf: [Int32]
    /// Codes into `states` and `types` (-1: null type).
    let state: [Int32]
    let type: [Int32]
    let states: [String]
    let types: [String]
    let displayName: [String]
    private let indexes: [DimensionIndex]

    var count: Int { npi.count }

    /// Prescriber index of (y, npi), or -1.
    @inline(__always)
    func prescriber(year y: Int, npi key: Int64) -> Int32 {
        let local = indexes[y].row(key)
        return local < 0 ? -1 : Int32(yearStart[y]) + local
    }

    func yearIndex(_ year: Int32) -> Int? {
        var lo = 0, hi = years.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if years[mid] < year { lo = mid + 1 } else { hi = mid }
        }
        return lo < years.count && years[lo] == year ? lo : nil
    }

    init(table: LakeTable) throws {
        let cols = ["year", "npi", "last_org_name", "first_name", "state", "prescriber_type"]
        try CleansedTable.require(table, [("year", [.int32]), ("npi", [.int64]), ("last_org_name", [.string]), ("first_name", [.string]),
                                          ("state", [.string]), ("prescriber_type", [.string])])
        let stream = try RowGroupStream(table: table, columns: cols)
        var year = [Int32](), npi = [Int64](), last = [String?](), first = [String?](), stateCode = [Int32](), typeCode = [Int32]()
        var stateInterner = StringInterner(), typeInterner = StringInterner()
        for unit in stream.units {
            let batch = try stream.read(unit)
            for k in [0, 1, 4] {
                try CleansedTable.requireNonNull(batch.columns[k], table: CleansedTable.prescriber, name: cols[k], batch: batch, file: unit.path)
            }
            year += try ColumnAccess.int32(batch.columns[0])
            npi += try ColumnAccess.int64(batch.columns[1])
            last += try ColumnAccess.strings(batch.columns[2])
            first += try ColumnAccess.strings(batch.columns[3])
            stateCode += try stateInterner.codes(of: batch.columns[4])
            typeCode += try typeInterner.codes(of: batch.columns[5])
        }
        let order = Sorting.permutation(count: npi.count, by: [.int32(year), .int64(npi)])
        func pick<T>(_ a: [T]) -> [T] { order.map { a[Int($0)] } }
        let sortedNPI = pick(npi), sortedYear = pick(year), lastSorted = pick(last), firstSorted = pick(first)
        var years = [Int32](), starts = [Int]()
        for (p, y) in sortedYear.enumerated() where years.last != y {
            years.append(y)
            starts.append(p)
        }
        starts.append(sortedYear.count)
        self.npi = sortedNPI
        yearOf = sortedYear
        state = pick(stateCode)
        type = pick(typeCode)
        states = stateInterner.strings
        types = typeInterner.strings
        displayName = sortedNPI.indices.map { DisplayName.of(npi: sortedNPI[$0], first: firstSorted[$0], last: lastSorted[$0]) }
        self.years = years
        yearStart = starts
        var indexes = [DimensionIndex]()
        for y in years.indices {
            do {
                indexes.append(try DimensionIndex(keys: Array(sortedNPI[starts[y]..<starts[y + 1]])))
            } catch let e as DimensionIndex.DuplicateKey {
                throw TransformError.duplicateKey(table: "cleansed/prescriber", key: "year \(years[y]) npi \(e.key)")
            }
        }
        self.indexes = indexes
    }
}

/// How a prescriber is named on the site (docs/tables.md, prescriber_summary).
enum DisplayName {
    /// Pseudonyms are ≥ 2^61; real NPIs are 10 digits.
    static let pseudonymFloor: Int64 = 1 << 61

    /// "Prescriber " + the last 6 digits for a pseudonym (or when no name is known),
    /// "First Last" for a person, the organisation name otherwise.
    static func of(npi: Int64, first: String?, last: String?) -> String {
        if npi < pseudonymFloor {
            switch (first, last) {
            case (let f?, let l?): return f + " " + l
            case (nil, let l?): return l
            case (let f?, nil): return f
            case (nil, nil): break
            }
        }
        return "Prescriber " + String(String(npi).suffix(6))
    }
}
