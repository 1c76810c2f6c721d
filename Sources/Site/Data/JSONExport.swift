import Curated
import Disclosure
import Lake
import RxCore

/// A curated table as JSON (docs/site-data.md, schema version 1): the table's name, its
/// published columns with type and unit (`DataDictionary`), and its rows as arrays in column
/// order, one row a line. The values follow the CSV download's rules (`CSVExport`): money
/// exact with two decimals, dollar ratios to the cent, shares and the outliers' measures and
/// z-scores to four decimals, other numbers
/// exactly, nulls as `null`; the same columns are left out and the same small counts emptied.
struct JSONExport {
    static let schemaVersion = 1
    /// Tables offered as CSV only: a row per prescriber is too large to be a JSON file.
    static let csvOnly: Set<String> = ["prescriber_summary"]

    let table: String
    let fields: [Field]
    let policy: DisclosurePolicy
    private let guarded: [Bool], perDollar: [Bool], share: [Bool]
    private(set) var bytes: [UInt8] = []
    private var rows = 0

    init(table: String, fields: [Field], policy: DisclosurePolicy) {
        self.table = table
        self.fields = fields
        self.policy = policy
        guarded = fields.map { !ColumnSensitivity.of($0.name).isDisjoint(with: .smallCounts) }
        perDollar = fields.map { $0.name.hasPrefix("cost_per_") }
        // The CSV's four-decimal columns (shares, the outliers' measures): JSON and CSV agree.
        share = fields.map { $0.name.hasSuffix("_share") || CSVExport.fourDecimalColumns.contains($0.name) }
        let columns = fields.map { f in
            let unit = DataDictionary.entry(table: table, column: f.name)?.unit
            return "{\"name\": \(JSString.quote(f.name)), \"type\": \(JSString.quote(f.type.description)), \"unit\": \(unit.map(JSString.quote) ?? "null")}"
        }
        bytes = Array("{\"table\": \(JSString.quote(table)), \"schema_version\": \(Self.schemaVersion),\n\"columns\": [\(columns.joined(separator: ", "))],\n\"rows\": [".utf8)
    }

    mutating func append(_ cols: [ColumnVector], rows count: Int) {
        for r in 0..<count {
            bytes.append(contentsOf: Array((rows == 0 ? "\n[" : ",\n[").utf8))
            for (i, col) in cols.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                appendCell(col, row: r, column: i)
            }
            bytes.append(UInt8(ascii: "]"))
            rows += 1
        }
    }

    /// The finished document.
    func finished() -> [UInt8] { bytes + Array("\n]}\n".utf8) }

    private mutating func appendCell(_ col: ColumnVector, row r: Int, column i: Int) {
        if col.isNull(r) { return bytes.append(contentsOf: Array("null".utf8)) }
        if guarded[i], let n = col.number(r), !policy.mayShow(count: n, column: .claimCount) {
            return bytes.append(contentsOf: Array("null".utf8))
        }
        switch col.values {
        case .boolean(let v): bytes.append(contentsOf: Array((v[r] ? "true" : "false").utf8))
        case .double(let v):
            let x = v[r]
            guard x.isFinite else { return bytes.append(contentsOf: Array("null".utf8)) }
            if perDollar[i], let cents = Cents.rounding(x) {
                CSVExport.appendFixed(cents, decimals: 2, trimZeros: false, to: &bytes)
            } else if share[i], abs(x) < 1e14 {
                CSVExport.appendFixed(Int64((x * 10_000).rounded()), decimals: 4, trimZeros: true, to: &bytes)
            } else {
                bytes.append(contentsOf: Array("\(x)".utf8))
            }
        case .string(let v): bytes.append(contentsOf: Array(JSString.quote(v[r]).utf8))
        case .dictionary(let d): bytes.append(contentsOf: Array(JSString.quote(d.dictionary[Int(d.indices[r])]).utf8))
        default: CSVExport.append(col, row: r, to: &bytes)
        }
    }
}
