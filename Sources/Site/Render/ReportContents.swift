/// The linked table of contents of `report.html`: every section and the headings directly
/// under it (the pages' `<h2>`, which are `<h3>` in the report).
enum ReportContents {
    struct Entry {
        var id: String
        var title: String
        var children: [Entry] = []
    }

    static func html(_ entries: [Entry]) -> String {
        var out = "<nav class=\"report-contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n"
        for entry in entries {
            out += "<li>" + link(entry)
            if !entry.children.isEmpty {
                out += "\n<ol>" + entry.children.map { "<li>\(link($0))</li>" }.joined() + "</ol>\n"
            }
            out += "</li>\n"
        }
        return out + "</ol>\n</nav>\n"
    }

    /// The `<h3 id="…">` headings of a rewritten section, in order.
    static func subheadings(_ html: String) -> [Entry] {
        let text = ByteSearch(html)
        let open = Array("<h3 id=\"".utf8), close = Array("</h3>".utf8)
        var entries: [Entry] = []
        var position = 0
        while let start = text.find(open, from: position) {
            let idStart = start + open.count
            guard let quote = text.find([UInt8(ascii: "\"")], from: idStart),
                let tagEnd = text.find([UInt8(ascii: ">")], from: quote),
                let end = text.find(close, from: tagEnd)
            else { break }
            entries.append(Entry(id: text.string(idStart..<quote), title: HeadingAnchors.plainText(text.string(tagEnd + 1..<end))))
            position = end + close.count
        }
        return entries
    }

    private static func link(_ entry: Entry) -> String {
        "<a href=\"#\(entry.id)\">\(HTMLEscaping.escape(entry.title))</a>"
    }
}
