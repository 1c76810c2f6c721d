import Foundation

/// Checks pages, scripts and SVG as text. Every place that names a beneficiary or claims column
/// or a CMS flag is looked at in its context: the HTML table around it (columns, statistics
/// rows, histogram ranges, "column=value" cells, source and line), or else the words right after
/// it ("Tot_Benes=7", "Tot_Benes of 7", "values from 7 to …").
struct MarkupChecks {
    let rules: AuditRules

    func findings(_ bytes: UnsafeBufferPointer<UInt8>, report: (AuditFinding.Kind, Int, String) -> Void) {
        var checkedTables = Set<Int>()
        let text = Bytes(bytes)
        for marker in Self.markers {
            var from = 0
            while let hit = text.findFolded(marker, from: from) {
                from = hit + marker.count
                if let table = text.enclosingTable(at: hit) {
                    if checkedTables.insert(table.lowerBound).inserted { tableFindings(text, table, report: report) }
                } else {
                    afterName(text, at: hit, report: report)
                }
            }
        }
        if rules.pseudonymized {
            var from = 0
            while let start = text.find(Array("<table".utf8), from: from) {
                from = start + 6
                guard let end = text.find(Array("</table>".utf8), from: from) else { break }
                // Only tables with a line column can pair a source with a line.
                if let line = text.find(Self.lineHeader, from: start), line < end, checkedTables.insert(start).inserted {
                    tableFindings(text, start..<end, report: report)
                }
                from = end
            }
        }
    }

    static let lineHeader = Array(">Line</th>".utf8)
    static let markers = ["benes", "beneficiar", "tot_clms", "sprsn_flag"].map { Array($0.utf8) }

    // MARK: Tables

    private func tableFindings(_ text: Bytes, _ range: Range<Int>, report: (AuditFinding.Kind, Int, String) -> Void) {
        let table = HTMLTableText(text, range)
        let caption = table.caption
        let subject = caption.split(whereSeparator: { $0 == " " || $0 == ":" }).compactMap { SensitiveName.of($0) }.first
        let header = table.header.map { $0.lowercased() }
        for row in table.rows {
            for (i, cell) in row.cells.enumerated() {
                // "column=value, …" cells (the quality page's values as read).
                let pairs = Self.pairs(cell)
                if !pairs.isEmpty {
                    for (key, value) in pairs {
                        if let kind = SensitiveName.of(key), let v = Self.count(value), rules.isSmall(v) {
                            report(kind.smallKind, row.offset, "\(key)=\(value)")
                        }
                    }
                    for problem in RowFacts(Dictionary(pairs.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { a, _ in a })).problems(rules) {
                        report(problem.kind, row.offset, problem.detail)
                    }
                }
                guard i < header.count else { continue }
                if let kind = SensitiveName.of(header[i]), let v = Self.count(cell), rules.isSmall(v) {
                    report(kind.smallKind, row.offset, "column \(header[i]) = \(cell)")
                }
                if let subject, Self.valueColumns(caption).contains(header[i]), let v = Self.number(cell), rules.isSmall(v) {
                    report(subject.smallKind, row.offset, "\(caption): \(header[i]) \(cell)")
                }
            }
            guard let subject, caption.hasPrefix("Statistics of"), row.cells.count >= 2 else { continue }
            let label = row.cells[0], value = row.cells[1]
            if subject == .beneficiaries, ["Sum", "Mean"].contains(label), Self.number(value) != nil {
                report(.beneficiarySum, row.offset, "\(caption): \(label) \(value)")
            }
            let extreme = ["Minimum", "Maximum"].contains(label) || (label.hasPrefix("P") && label.hasSuffix("(exact)"))
            if extreme, let v = Self.number(value), rules.isSmall(v) {
                report(subject.smallKind, row.offset, "\(caption): \(label) \(value)")
            }
        }
        if rules.pseudonymized, let s = header.firstIndex(of: "source"), let l = header.firstIndex(of: "line") {
            for row in table.rows where max(s, l) < row.cells.count {
                let source = row.cells[s]
                if !source.isEmpty, source != "withheld", Self.number(row.cells[l]) != nil {
                    report(.sourceLocation, row.offset, "a source and line")
                }
            }
        }
    }

    /// The columns that hold values of the table's subject column: a distribution's bin ends, a
    /// list of frequent values (a statistics table is read row by row instead).
    static func valueColumns(_ caption: String) -> Set<String> {
        if caption.contains("Distribution of") { return ["from", "to"] }
        if caption.hasPrefix("Most frequent values of") { return ["value"] }
        return []
    }

    // MARK: Words after a column name

    private func afterName(_ text: Bytes, at hit: Int, report: (AuditFinding.Kind, Int, String) -> Void) {
        var start = hit
        while start > 0, Self.isNameByte(text[start - 1]) { start -= 1 }
        var end = hit
        while end < text.count, Self.isNameByte(text[end]) { end += 1 }
        let name = text.string(start..<end)
        guard let kind = SensitiveName.of(name) else { return }
        // "Tot_Benes=7", "Tot_Benes: 7", "Tot_Benes of 7", "Tot_Benes is 7", "\"Tot_Benes\": 7".
        var i = end
        var skipped = 0
        while i < text.count, skipped < 24 {
            let b = text[i]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "=") || b == UInt8(ascii: ":") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                i += 1; skipped += 1; continue
            }
            if let word = ["is ", "of ", "was ", "&quot;", "&#34;"].first(where: { text.matches(Array($0.utf8), at: i) }) {
                i += word.utf8.count; skipped += word.utf8.count; continue
            }
            break
        }
        if let (v, digits) = text.integer(at: i), rules.isSmall(Double(v)), !text.continuesNumber(at: i + digits) {
            report(kind.smallKind, start, "\(name) \(v)")
        }
        // Chart descriptions: "… values from 7 to 1,648 …", "the most frequent range is 7–9 …".
        let segmentEnd = text.segmentEnd(from: end, limit: 400)
        let segment = text.string(end..<segmentEnd)
        for range in Self.rangeNumbers(segment) where rules.isSmall(range) {
            report(kind.smallKind, start, "\(name): a range starting at \(JSONChecks.text(range))")
        }
    }

    /// The ends of a range a chart description states: "values from A to B", "range is A–B".
    static func rangeNumbers(_ text: String) -> [Double] {
        let ns = text as NSString
        return rangePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).flatMap { match in
            (1..<match.numberOfRanges).compactMap { i -> Double? in
                let r = match.range(at: i)
                return r.location == NSNotFound ? nil : number(ns.substring(with: r))
            }
        }
    }

    static let rangePattern = try! NSRegularExpression(
        pattern: #"(?:values from|range is) (\d[\d,]*(?:\.\d+)?)(?: to |–)(\d[\d,]*(?:\.\d+)?)"#)

    // MARK: Helpers

    static func pairs(_ cell: String) -> [(String, String)] {
        guard cell.contains("=") else { return [] }
        return cell.components(separatedBy: ", ").compactMap { part in
            guard let eq = part.firstIndex(of: "="), part[..<eq].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            return (String(part[..<eq]), String(part[part.index(after: eq)...]))
        }
    }

    /// A plain integer count as written on a page ("1,648", "7"), nil otherwise.
    static func count(_ text: String) -> Double? {
        let t = String(text.filter { $0 != "," }).trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy(\.isASCII), t.allSatisfy({ $0.isNumber }) else { return nil }
        return Double(t)
    }

    /// A plain number as written on a page ("1,648", "9.2"), nil for compact ("11.2K") or text.
    static func number(_ text: String) -> Double? {
        let t = String(text.filter { $0 != "," }).trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Double(t)
    }

    static func isNameByte(_ b: UInt8) -> Bool { Words.isAlnum(b) || b == UInt8(ascii: "_") }
}
