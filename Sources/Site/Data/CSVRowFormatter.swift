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
        /// Each row's order group (year and specialty, `orderColumns`) as an index into `orders`.
        var orderOfRow: [Int32] = []
        var orders: [String] = []
    }

    let policy: DisclosurePolicy
    let guarded: [Bool]
    let perDollar: [Bool]
    let share: [Bool]
    let stateColumn: Int?
    /// Columns whose values order the rows inside a per-state file (year, then specialty):
    /// rows of one specialty side by side compress about 5 % smaller than in NPI order.
    let orderColumns: [Int]

    /// Rows per chunk: large enough that a chunk's setup is noise, small enough to share a
    /// row group of 500 K rows between the cores.
    static let chunkRows = 65_536

    init(names: [String], policy: DisclosurePolicy) {
        self.policy = policy
        guarded = names.map { !ColumnSensitivity.of($0).isDisjoint(with: .smallCounts) }
        perDollar = names.map { $0.hasPrefix("cost_per_") }
        share = names.map { $0.hasSuffix("_share") || CSVExport.fourDecimalColumns.contains($0) }
        stateColumn = names.firstIndex(of: "state")
        let order = ["year", "prescriber_type"].compactMap { names.firstIndex(of: $0) }
        orderColumns = stateColumn != nil && names.contains("prescriber_type") ? order : []
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
        var orderKeys = orderColumns.map { _ in StateKeys() }
        var localIDs: [String: Int32] = [:]
        var orderIDs: [String: Int32] = [:]
        var orderCodes: [Int64: Int32] = [:]
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
            if !orderColumns.isEmpty {
                // A cheap code per row (the year and the specialty's dictionary index); the text
                // "2022\u{1}Cardiology" is built once per code. Years have four digits, so the
                // text orders as (year, specialty).
                let codes = orderColumns.map { Self.code(cols[$0], row: r) }
                let code = codes.contains(nil) ? nil : codes.reduce(Int64(0)) { $0 &* 1_000_003 &+ $1! }
                let id: Int32
                if let code, let known = orderCodes[code] { id = known } else {
                    let text = orderColumns.indices.map { orderKeys[$0].key(cols[orderColumns[$0]], row: r) }.joined(separator: "\u{1}")
                    if let known = orderIDs[text] { id = known } else {
                        id = Int32(chunk.orders.count)
                        orderIDs[text] = id
                        chunk.orders.append(text)
                    }
                    if let code { orderCodes[code] = id }
                }
                chunk.orderOfRow.append(id)
            }
        }
        return chunk
    }
}

extension CSVRowFormatter {
    /// A number naming a row's value within one batch exactly (a dictionary index below a
    /// million, or a year), or nil when only the text names it.
    static func code(_ column: ColumnVector, row r: Int) -> Int64? {
        if column.isNull(r) { return -1 }
        switch column.values {
        case .dictionary(let d): return d.indices[r] < 1_000_000 ? Int64(d.indices[r]) : nil
        case .int32(let v): return (0..<1_000_000).contains(v[r]) ? Int64(v[r]) : nil
        default: return nil
        }
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
