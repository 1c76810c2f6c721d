import Dispatch
import Disclosure
import Lake
import RxCore

/// Writes rows of a curated table as CSV lines (the rules are `CSVExport`'s), a batch split into
/// chunks formatted on all cores: the per-prescriber table (a million rows at 25 M source rows)
/// was the longest single task of a render.
struct CSVRowFormatter: Sendable {
    /// One chunk of rows: their CSV lines, where each ends (relative to the chunk) and, for a
    /// table with a `state` column, each row's state as an index into `states`.
    struct Chunk: Sendable {
        var bytes: [UInt8] = []
        var rowEnds: [Int] = []
        var stateOfRow: [Int32] = []
        var states: [String] = []
        /// Each row's order group (year and specialty, `OrderGroups`) as an index into `orders`.
        var orderOfRow: [Int32] = []
        var orders: [String] = []
    }

    let policy: DisclosurePolicy
    let guarded: [Bool]
    let perDollar: [Bool]
    let share: [Bool]
    let stateColumn: Int?
    /// The columns that order the rows inside a per-state file (year, then specialty): rows of
    /// one specialty side by side compress about 5 % smaller than in NPI order.
    let yearColumn: Int?
    let specialtyColumn: Int?

    /// Rows per chunk: large enough that a chunk's setup is noise, small enough to share a
    /// row group of 500 K rows between the cores.
    static let chunkRows = 65_536

    init(names: [String], policy: DisclosurePolicy) {
        self.policy = policy
        guarded = names.map { !ColumnSensitivity.of($0).isDisjoint(with: .smallCounts) }
        perDollar = names.map { $0.hasPrefix("cost_per_") }
        share = names.map { $0.hasSuffix("_share") || CSVExport.fourDecimalColumns.contains($0) }
        stateColumn = names.firstIndex(of: "state")
        specialtyColumn = stateColumn == nil ? nil : names.firstIndex(of: "prescriber_type")
        yearColumn = names.firstIndex(of: "year")
    }

    /// The batch's rows as chunks, in row order.
    func format(_ cols: [ColumnVector], rows: Int) -> [Chunk] {
        let ranges = stride(from: 0, to: rows, by: Self.chunkRows).map { $0..<min($0 + Self.chunkRows, rows) }
        if ranges.count <= 1 { return ranges.map { format(cols, range: $0) } }
        let slots = IndexedSlots<Chunk>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { i in
            slots.set(i, format(cols, range: ranges[i]))
        }
        return ranges.indices.map { slots.get($0) }
    }

    func format(_ cols: [ColumnVector], range: Range<Int>) -> Chunk {
        var chunk = Chunk()
        chunk.bytes.reserveCapacity(range.count * cols.count * 8)
        var keys = StateKeys()
        var localIDs: [String: Int32] = [:]
        var orderGroups = specialtyColumn.map { OrderGroups(year: yearColumn.map { cols[$0] }, specialty: cols[$0]) }
        for r in range {
            for (i, col) in cols.enumerated() {
                if i > 0 { chunk.bytes.append(UInt8(ascii: ",")) }
                if guarded[i], let n = col.number(r), !policy.mayShow(count: n, column: .claimCount) { continue }
                if case .double(let v) = col.values, !col.isNull(r), v[r].isFinite {
                    if perDollar[i], let cents = Cents.rounding(v[r]) {
                        CSVExport.appendFixed(cents, decimals: 2, trimZeros: false, to: &chunk.bytes)
                        continue
                    }
                    if share[i], abs(v[r]) < 1e14 {
                        CSVExport.appendFixed(Int64((v[r] * 10_000).rounded()), decimals: 4, trimZeros: true, to: &chunk.bytes)
                        continue
                    }
                }
                CSVExport.append(col, row: r, to: &chunk.bytes)
            }
            chunk.bytes.append(UInt8(ascii: "\n"))
            if let s = stateColumn {
                let key = keys.key(cols[s], row: r)
                let id: Int32
                if let known = localIDs[key] { id = known } else {
                    id = Int32(chunk.states.count)
                    localIDs[key] = id
                    chunk.states.append(key)
                }
                chunk.rowEnds.append(chunk.bytes.count)
                chunk.stateOfRow.append(id)
            }
            if let group = orderGroups?.id(row: r) { chunk.orderOfRow.append(group) }
        }
        chunk.orders = orderGroups?.texts ?? []
        return chunk
    }
}

/// The state of a row as text, decoding each dictionary entry of a batch once.
private struct StateKeys {
    private var decoded: [Int32: String] = [:]

    mutating func key(_ column: ColumnVector, row r: Int) -> String {
        if column.isNull(r) { return "" }
        switch column.values {
        case .dictionary(let d):
            let i = d.indices[r]
            if let known = decoded[i] { return known }
            let text = d.dictionary.withBytes(Int(i)) { String(decoding: $0, as: UTF8.self) }
            decoded[i] = text
            return text
        case .string(let v): return v.withBytes(r) { String(decoding: $0, as: UTF8.self) }
        default:
            var bytes: [UInt8] = []
            CSVExport.append(column, row: r, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
