import Foundation
import Lake

/// Curated tables as CSV downloads (RFC 4180, UTF-8, `\n` line ends), safe to open in a
/// spreadsheet: a text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a
/// leading `'` so it is never run as a formula. Numbers are written exactly (shortest
/// round-trip form), and nulls as empty cells.
public enum CSVExport {
    public struct Download: Sendable, Equatable {
        public var table: String
        public var rows: Int
        public var bytes: [UInt8]
    }

    public static func curatedTables(_ lake: Lake) throws -> [Download] {
        try lake.tables(zone: "curated").map { name in
            let table = try lake.open(name)
            let names = table.schema.fields.map(\.name)
            var out = Array((names.map(cell).joined(separator: ",") + "\n").utf8)
            var rows = 0
            try table.scan(columns: names) { batch in
                let cols = names.map { batch[$0]! }
                for r in 0..<batch.rowCount {
                    var line = ""
                    for (i, col) in cols.enumerated() {
                        if i > 0 { line += "," }
                        line += text(col.value(at: r))
                    }
                    line += "\n"
                    out += line.utf8
                }
                rows += batch.rowCount
            }
            return Download(table: name.table, rows: rows, bytes: out)
        }.sorted { $0.table < $1.table }
    }

    static func text(_ value: Value) -> String {
        switch value {
        case .null: return ""
        case .boolean(let b): return b ? "true" : "false"
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .double(let v): return v.isFinite ? "\(v)" : ""
        case .date(let d): return String(d)
        case .string(let s): return cell(s)
        default: return cell("\(value)")
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
