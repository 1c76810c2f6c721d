import Codecs
import Dispatch
import RxCore

/// The files a curated table is offered as. A table whose CSV is small stays one plain CSV file;
/// a larger one (a row per prescriber: 128 MB at 25 M source rows) becomes gzip-compressed CSV,
/// one file per state when it has a `state` column — so no file passes the per-file limits of
/// common static hosts (GitHub Pages 100 MB, Cloudflare Pages 25 MiB) and each opens in a
/// spreadsheet or `pandas.read_csv` as it is.
enum DownloadFiles {
    /// CSV files above this are compressed (and split by state where they can be).
    static let plainLimit = 4 << 20

    /// libdeflate level 6 (`Deflate.gzip`): on the 25 M-row per-prescriber table (rows ordered
    /// by specialty, see `split`) 22.4 MB in 0.9 s of CPU, where zlib gave 23.8 MB in 1.5 s at
    /// level 4 and 23.2 MB in 2.2 s at level 5; with the entity pages of issue #20 the site needs
    /// the smaller files to stay within its 40 MB budget. Compressed in parallel, one per state.
    static let level: Int32 = 6

    struct File: Equatable {
        /// Relative to the site root.
        var path: String
        /// What the file holds, for the downloads page ("AK", or the table's name).
        var label: String
        var rows: Int
        var bytes: [UInt8]
    }

    static func files(for download: CSVExport.Download) throws(SiteError) -> [File] {
        let slug = Slug.make(download.table)
        guard download.bytes.count > plainLimit else {
            return [File(path: "data/\(slug).csv", label: download.table, rows: download.rows, bytes: download.bytes)]
        }
        let parts = download.rowIndex.map { split(download.bytes, by: $0) } ?? split(download.bytes, byColumn: "state")
        let names = parts.keys.sorted()
        let compressed = IndexedSlots<Result<[UInt8], SiteError>>(count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { i in
            do {
                compressed.set(i, .success(try Deflate.gzip(parts[names[i]]!.bytes, level: Self.level)))
            } catch {
                compressed.set(i, .failure(.writeFailed(path: "data/\(slug)", reason: "gzip: \(error)")))
            }
        }
        return try names.indices.map { i throws(SiteError) in
            let name = names[i]
            let path = name.isEmpty ? "data/\(slug).csv.gz" : "data/\(slug)/\(Slug.make(name)).csv.gz"
            return File(path: path, label: name.isEmpty ? download.table : name, rows: parts[name]!.rows, bytes: try compressed.get(i).get())
        }
    }

    /// CSV bytes split per state by the row index the export recorded (header repeated in
    /// each part): slices copied, nothing parsed. Inside a state's file the rows are ordered by
    /// year, then specialty, then as the table is (NPI) when the index has order groups: rows
    /// of one specialty side by side make the 25 M-row per-prescriber download 5 % smaller
    /// (1.25 MB, what keeps the site within its 40 MB budget) and read as a roster by specialty.
    static func split(_ csv: [UInt8], by index: CSVExport.RowIndex) -> [String: (rows: Int, bytes: [UInt8])] {
        var parts = index.states.map { _ in (rows: 0, bytes: Array(csv[..<index.headerEnd])) }
        var rowsOfState = index.states.map { _ in [Int]() }
        for row in index.rowEnds.indices { rowsOfState[Int(index.stateOfRow[row])].append(row) }
        if !index.orders.isEmpty {
            // Ranks of the order groups by their text (UTF-8 byte order, as the curated tables sort).
            var rank = [Int](repeating: 0, count: index.orders.count)
            let sorted = index.orders.indices.sorted { Array(index.orders[$0].utf8).lexicographicallyPrecedes(Array(index.orders[$1].utf8)) }
            for (position, id) in sorted.enumerated() { rank[id] = position }
            for s in rowsOfState.indices {
                rowsOfState[s] = rowsOfState[s].map { (rank[Int(index.orderOfRow[$0])], $0) }.sorted { $0 < $1 }.map(\.1)
            }
        }
        for (id, rows) in rowsOfState.enumerated() {
            parts[id].rows = rows.count
            parts[id].bytes.reserveCapacity(parts[id].bytes.count + rows.reduce(0) { $0 + index.rowEnds[$1] - (($1 == 0) ? index.headerEnd : index.rowEnds[$1 - 1]) })
            for row in rows {
                let start = row == 0 ? index.headerEnd : index.rowEnds[row - 1]
                parts[id].bytes.append(contentsOf: csv[start..<index.rowEnds[row]])
            }
        }
        var out: [String: (rows: Int, bytes: [UInt8])] = [:]
        for (id, name) in index.states.enumerated() { out[name] = parts[id] }
        return out
    }

    /// CSV bytes split by the value of `column` (header repeated in each part); one part named ""
    /// when the column is absent. Quoted fields (commas, quotes, line breaks) stay whole.
    static func split(_ csv: [UInt8], byColumn column: String) -> [String: (rows: Int, bytes: [UInt8])] {
        var out: [String: (rows: Int, bytes: [UInt8])] = [:]
        csv.withUnsafeBufferPointer { bytes in
            var records = RecordScanner(bytes)
            guard let header = records.next() else { return }
            let headerBytes = Array(bytes[header.range])
            guard let index = header.fields.firstIndex(where: { String(decoding: bytes[$0], as: UTF8.self) == column }) else {
                out[""] = (max(0, Self.lineCount(csv) - 1), csv)
                return
            }
            var previous: (key: ArraySlice<UInt8>, name: String)? = nil
            while let record = records.next() {
                guard index < record.fields.count else { continue }
                let key = bytes[record.fields[index]]
                let name: String
                if let p = previous, p.key.elementsEqual(key) { name = p.name } else {
                    name = String(decoding: key, as: UTF8.self)
                    previous = (Array(key)[...], name)
                }
                if out[name] == nil { out[name] = (0, headerBytes) }
                out[name]!.rows += 1
                out[name]!.bytes.append(contentsOf: bytes[record.range])
            }
        }
        return out
    }

    static func lineCount(_ bytes: [UInt8]) -> Int { bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
}

/// RFC 4180 records over bytes: each record's byte range (with its line end) and its fields'
/// ranges (quotes included; the split only compares plain state codes).
struct RecordScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> (range: Range<Int>, fields: [Range<Int>])? {
        guard position < bytes.count else { return nil }
        let start = position
        var fields: [Range<Int>] = []
        var fieldStart = position
        var quoted = false
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted, b == UInt8(ascii: ",") {
                fields.append(fieldStart..<position)
                fieldStart = position + 1
            } else if !quoted, b == 0x0A {
                fields.append(fieldStart..<position)
                position += 1
                return (start..<position, fields)
            }
            position += 1
        }
        fields.append(fieldStart..<position)
        return (start..<position, fields)
    }
}
