import Foundation

/// Byte-level search over one file, without making strings of it.
struct Bytes {
    let buffer: UnsafeBufferPointer<UInt8>

    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    var count: Int { buffer.count }
    subscript(i: Int) -> UInt8 { buffer[i] }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range.clamped(to: 0..<count)]), as: UTF8.self)
    }

    func matches(_ needle: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + needle.count <= count else { return false }
        for k in 0..<needle.count where buffer[i + k] != needle[k] { return false }
        return true
    }

    func find(_ needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, from < count else { return nil }
        var i = max(0, from)
        while i + needle.count <= count {
            if buffer[i] == first, matches(needle, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// ASCII case-insensitive; `needle` in lower case.
    func findFolded(_ needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var i = max(0, from)
        outer: while i + needle.count <= count {
            if Self.fold(buffer[i]) == first {
                for k in 1..<needle.count where Self.fold(buffer[i + k]) != needle[k] { i += 1; continue outer }
                return i
            }
            i += 1
        }
        return nil
    }

    func findLast(_ needle: [UInt8], before end: Int) -> Int? {
        var i = min(end, count - needle.count)
        while i >= 0 {
            if matches(needle, at: i) { return i }
            i -= 1
        }
        return nil
    }

    /// The `<table …>…</table>` that contains `offset`, if any.
    func enclosingTable(at offset: Int) -> Range<Int>? {
        guard let start = findLast(Self.tableOpen, before: offset) else { return nil }
        if let close = find(Self.tableClose, from: start), close < offset { return nil }
        guard let end = find(Self.tableClose, from: offset) else { return nil }
        return start..<(end + Self.tableClose.count)
    }

    /// Digits (with thousands commas) at `i`: the value and how many bytes it took.
    func integer(at i: Int) -> (Int64, Int)? {
        var j = i, value: Int64 = 0, digits = 0
        while j < count, digits < 18 {
            let b = buffer[j]
            if b >= 0x30 && b <= 0x39 {
                value = value * 10 + Int64(b - 0x30); digits += 1
            } else if b == UInt8(ascii: ","), digits > 0, j + 1 < count, buffer[j + 1] >= 0x30 && buffer[j + 1] <= 0x39 {
            } else {
                break
            }
            j += 1
        }
        return digits > 0 ? (value, j - i) : nil
    }

    /// Whether the number ending at `i` goes on as a decimal or compact number ("9.2", "11K").
    func continuesNumber(at i: Int) -> Bool {
        guard i < count else { return false }
        let b = buffer[i]
        if b == UInt8(ascii: "."), i + 1 < count, buffer[i + 1] >= 0x30 && buffer[i + 1] <= 0x39 { return true }
        // "…" (U+2026): the number was cut short, so it is not the value.
        if b == 0xE2, i + 2 < count, buffer[i + 1] == 0x80, buffer[i + 2] == 0xA6 { return true }
        return b == UInt8(ascii: "K") || b == UInt8(ascii: "M") || b == UInt8(ascii: "B") || b == UInt8(ascii: "%")
    }

    /// Where the attribute value or element text starting near `from` ends (a quote or a tag).
    func segmentEnd(from: Int, limit: Int) -> Int {
        var i = from
        while i < count, i - from < limit, buffer[i] != UInt8(ascii: "\""), buffer[i] != UInt8(ascii: "<"), buffer[i] != 0x0A { i += 1 }
        return i
    }

    /// ASCII letters in lower case, every other byte as it is.
    @inline(__always) static func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    static let tableOpen = Array("<table".utf8)
    static let tableClose = Array("</table>".utf8)
}

/// An HTML table as text: caption, header cells and body rows (markup stripped, character
/// references decoded), each row with the offset it starts at.
struct HTMLTableText {
    struct Row {
        var offset: Int
        var cells: [String]
    }

    var caption = ""
    var header: [String] = []
    var rows: [Row] = []

    init(_ text: Bytes, _ range: Range<Int>) {
        if let c = text.find(Array("<caption".utf8), from: range.lowerBound), c < range.upperBound,
            let open = text.find([UInt8(ascii: ">")], from: c), let close = text.find(Array("</caption>".utf8), from: open) {
            caption = Self.plain(text.string((open + 1)..<close))
        }
        // The head is found once: rows before its end are header rows.
        var headEnd = range.lowerBound
        if let head = text.find(Array("<thead".utf8), from: range.lowerBound), head < range.upperBound {
            headEnd = min(text.find(Array("</thead>".utf8), from: head) ?? range.upperBound, range.upperBound)
        }
        var position = range.lowerBound
        while let tr = text.find(Array("<tr".utf8), from: position), tr < range.upperBound {
            let end = min(text.find(Array("</tr>".utf8), from: tr) ?? range.upperBound, range.upperBound)
            let cells = Self.cells(text.string(tr..<end))
            if tr < headEnd { header = cells } else { rows.append(Row(offset: tr, cells: cells)) }
            position = end
        }
    }

    /// The texts of the `<th>` and `<td>` cells of one row's markup.
    static func cells(_ row: String) -> [String] {
        var out: [String] = []
        var rest = Substring(row)
        while let open = rest.range(of: "<t") {
            let afterTag = rest[open.upperBound...]
            guard let kind = afterTag.first, kind == "d" || kind == "h",
                let tagEnd = afterTag.firstIndex(of: ">"),
                let close = afterTag.range(of: "</t\(kind)>")
            else {
                rest = afterTag
                continue
            }
            out.append(plain(String(afterTag[afterTag.index(after: tagEnd)..<close.lowerBound])))
            rest = afterTag[close.upperBound...]
        }
        return out
    }

    /// Markup removed, the common character references decoded, spaces trimmed.
    static func plain(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        // Most cells hold no reference: skip six Foundation searches per cell (a 25 M-row site
        // has hundreds of thousands of cells to audit).
        if out.utf8.contains(UInt8(ascii: "&")) {
            for (entity, ch) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#34;", "\""), ("&amp;", "&")] {
                out = out.replacingOccurrences(of: entity, with: ch)
            }
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
