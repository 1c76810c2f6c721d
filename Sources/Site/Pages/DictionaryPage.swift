import Curated

extension SiteBuild {
    /// `dictionary.html`: every published column of every curated table (the downloads' columns)
    /// with its meaning, unit, CMS source column and rule (`DataDictionary`).
    mutating func makeDictionary() {
        var html = ""
        for d in input.tableDownloads {
            let id = "table-" + Slug.make(d.table)
            html += "<h2 id=\"\(id)\"><code>\(HTMLEscaping.escape(d.table))</code></h2>\n"
            if let about = DataDictionary.tables[d.table] { html += "<p>\(HTMLEscaping.escape(about))</p>\n" }
            html += HTMLTable(
                caption: "Columns of \(d.table)",
                columns: [.init("Column"), .init("Type"), .init("Meaning"), .init("Unit"), .init("CMS source"), .init("Rule")],
                rows: d.fields.map { f in
                    let e = DataDictionary.entry(table: d.table, column: f.name)
                    return [.init(f.name), .init(f.type.description), .init(e?.meaning ?? "not described"), .init(e?.unit ?? ""),
                            .init(e?.source ?? ""), .init(e?.rule ?? "")]
                }).html + "\n"
        }
        pages.append(Page(path: "dictionary.html", title: "Data dictionary", template: "dictionary", section: "methodology",
                          context: ["suppress_below": String(input.policy.suppressBelow)], fragments: ["tables": .html(html)]))
    }
}
