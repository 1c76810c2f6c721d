import Disclosure
import Foundation
import Lake

/// Curated tables as CSV downloads (RFC 4180, UTF-8, `\n` line ends), safe to open in a
/// spreadsheet: a text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a
/// leading `'` so it is never run as a formula. Money (DECIMAL) is written exactly with two
/// decimals (`196282.97`); dollar ratios (`cost_per_*`, doubles) rounded to the cent; shares
/// (`*_share`, fractions) and the measures and z-scores of `prescriber_outliers` to four decimals (0.01 %: "0.7919", not "0.7918660287081339" — the
/// 16 digits were a fifth of the largest download and no reader uses them); other numbers
/// exactly (shortest round-trip form); nulls as empty cells. What the per-prescriber table's
/// download can derive is left out of it: the ranks (`rank_in_state`, `rank_in_type`; sorting
/// gives them back) and `cost_per_claim` (`drug_cost / claims`, exact from the two columns
/// beside it). They were a third of the file that decides whether a 25 M-row site fits its
/// 40 MB budget; the lake's Parquet keeps them. The disclosure policy holds here too: a curated
/// column of beneficiaries could only be a sum of them and is left out; a small count in a
/// count column is left empty.
public enum CSVExport {
    public struct Download: Sendable, Equatable {
        public var table: String
        public var rows: Int
        public var bytes: [UInt8]
        /// For a table with a `state` column: where each row ends in `bytes` and its state, so
        /// a large download splits per state without parsing the CSV again.
        public var rowIndex: RowIndex?
        /// The same rows as JSON (`JSONExport`), nil for a table offered as CSV only.
        public var json: [UInt8]?
        /// The published columns, in file order (the data dictionary describes them).
        public var fields: [Field] = []

        public init(table: String, rows: Int, bytes: [UInt8], rowIndex: RowIndex? = nil, json: [UInt8]? = nil) {
            self.table = table
            self.rows = rows
            self.bytes = bytes
            self.rowIndex = rowIndex
            self.json = json
        }
    }

    /// Row ends (byte offsets after each row's line end; the header ends at `headerEnd`) and
    /// each row's state as an index into `states`.
    public struct RowIndex: Sendable, Equatable {
        public var headerEnd: Int
        public var rowEnds: [Int]
        public var stateOfRow: [Int32]
        public var states: [String]
        /// Each row's order group inside its state's file ("2022\u{1}Cardiology": year, then
        /// specialty), empty for a table without a specialty; see `DownloadFiles.split`.
        public var orderOfRow: [Int32] = []
        public var orders: [String] = []
    }

    /// Doubles written to four decimals like shares: the measures and scores of
    /// `prescriber_outliers` (a z-score to 0.0001 is plenty; the lake keeps every digit).
    static let fourDecimalColumns: Set<String> = ["value", "peer_median", "peer_mad", "robust_z"]

    /// Columns of a table that its download leaves out (see the type's comment).
    static let omittedColumns: [String: Set<String>] = ["prescriber_summary": ["rank_in_state", "rank_in_type", "cost_per_claim"]]

    public static func curatedTables(_ lake: Lake, policy: DisclosurePolicy) throws -> [Download] {
        try lake.tables(zone: "curated").map { name in
            let table = try lake.open(name)
            let omitted = omittedColumns[name.table] ?? []
            let names = table.schema.fields.map(\.name).filter {
                !ColumnSensitivity.of($0).contains(.beneficiaryCount) && !omitted.contains($0)
            }
            let layout = CSVRowFormatter(names: names, policy: policy)
            let fields = names.compactMap { n in table.schema.fields.first { $0.name == n } }
            var json = JSONExport.csvOnly.contains(name.table) ? nil : JSONExport(table: name.table, fields: fields, policy: policy)
            var out = Array((names.map(cell).joined(separator: ",") + "\n").utf8)
            var index = layout.stateColumn.map { _ in RowIndex(headerEnd: out.count, rowEnds: [], stateOfRow: [], states: []) }
            var stateIDs: [String: Int32] = [:]
            var orderIDs: [String: Int32] = [:]
            var rows = 0
            try table.scan(columns: names) { batch in
                let cols = names.map { batch[$0]!.materialized() }
                json?.append(cols, rows: batch.rowCount)
                for chunk in layout.format(cols, rows: batch.rowCount) {
                    let base = out.count
                    out.append(contentsOf: chunk.bytes)
                    if index != nil {
                        let global = chunk.states.map { key -> Int32 in
                            if let known = stateIDs[key] { return known }
                            let id = Int32(stateIDs.count)
                            stateIDs[key] = id
                            index!.states.append(key)
                            return id
                        }
                        index!.rowEnds.append(contentsOf: chunk.rowEnds.map { base + $0 })
                        index!.stateOfRow.append(contentsOf: chunk.stateOfRow.map { global[Int($0)] })
                        let orders = chunk.orders.map { key -> Int32 in
                            if let known = orderIDs[key] { return known }
                            let id = Int32(orderIDs.count)
                            orderIDs[key] = id
                            index!.orders.append(key)
                            return id
                        }
                        index!.orderOfRow.append(contentsOf: chunk.orderOfRow.map { orders[Int($0)] })
                    }
                }
                rows += batch.rowCount
            }
            var download = Download(table: name.table, rows: rows, bytes: out, rowIndex: index, json: json?.finished())
            download.fields = fields
            return download
        }.sorted { $0.table < $1.table }
    }

    /// Appends one cell of `column` without boxing it into a `Value`.
    static func append(_ column: ColumnVector, row r: Int, to out: inout [UInt8]) {
        if column.isNull(r) { return }
        switch column.values {
        case .boolean(let v): out.append(contentsOf: (v[r] ? "true" : "false").utf8)
        case .int32(let v): appendInteger(Int64(v[r]), to: &out)
        case .date(let v): out.append(contentsOf: DateFormatting.iso(days: v[r]).utf8)
        case .int64(let v): appendInteger(v[r], to: &out)
        case .timestamp(let v): out.append(contentsOf: DateFormatting.iso(microseconds: v[r]).utf8)
        case .decimal(let v): appendFixed(v[r], decimals: 2, trimZeros: false, to: &out)
        case .double(let v): if v[r].isFinite { out.append(contentsOf: "\(v[r])".utf8) }
        case .string(let v): v.withBytes(r) { appendText($0, to: &out) }
        case .dictionary(let d): d.dictionary.withBytes(Int(d.indices[r])) { appendText($0, to: &out) }
        }
    }

    /// A text cell from its UTF-8 bytes: plain bytes go straight through; anything needing a
    /// quote or a formula guard goes through `cell`.
    static func appendText(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var special = false
        switch bytes.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: special = true
        default:
            for b in bytes where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
                special = true
                break
            }
        }
        if special {
            out.append(contentsOf: cell(String(decoding: bytes, as: UTF8.self)).utf8)
        } else {
            out.append(contentsOf: bytes)
        }
    }

    /// `units` / 10^`decimals` in plain decimal ("196282.97", "-0.05"; with `trimZeros`
    /// "0.7919", "0.5", "1"), written without making a String. Matches `Cents.text` for cents.
    static func appendFixed(_ units: Int64, decimals: Int, trimZeros: Bool, to out: inout [UInt8]) {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        if units < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = units.magnitude
        appendInteger(Int64(magnitude / UInt64(scale)), to: &out)
        var fraction = magnitude % UInt64(scale)
        var digits = decimals
        if trimZeros {
            if fraction == 0 { return }
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        }
        out.append(UInt8(ascii: "."))
        var divisor: UInt64 = 1
        for _ in 1..<max(digits, 1) { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    /// Decimal digits of `value`, written without making a String.
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var n = 0
            repeat {
                buffer[n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            } while magnitude > 0
            return n
        }
        withUnsafeBytes(of: &digits) { buffer in
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    /// One text cell: formula-neutralised, quoted when it holds a comma, quote or line break.
    public static func cell(_ s: String) -> String {
        var text = s
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}

extension ColumnVector {
    /// The row's value as a number, for integer, double and decimal columns.
    func number(_ r: Int) -> Double? {
        if isNull(r) { return nil }
        switch values {
        case .int32(let v): return Double(v[r])
        case .int64(let v): return Double(v[r])
        case .double(let v): return v[r]
        case .decimal(let v): return Cents.double(v[r])
        default: return nil
        }
    }
}
