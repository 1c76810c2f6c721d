extension SiteBuild {
    mutating func makeDownloads() throws(SiteError) {
        var rows: [[HTMLTable.Cell]] = []
        for d in input.tableDownloads {
            let file = "data/\(Slug.make(d.table)).csv"
            downloads[file] = d.bytes
            rows.append([.init(d.table, link: file), .init(Format.count(d.rows), sortKey: Double(d.rows)),
                         .init(Format.compact(Double(d.bytes.count)) + "B", sortKey: Double(d.bytes.count))])
        }
        let tables = HTMLTable(
            caption: "Curated tables as CSV", columns: [.init("Table"), .init("Rows", align: .right), .init("Size", align: .right)],
            rows: rows)
        let profiles = HTMLTable(
            caption: "Table profiles as JSON", columns: [.init("Profile"), .init("Size", align: .right)],
            rows: input.profiles.map { p in
                let file = "data/profiles/\(Slug.make(p.zone))-\(Slug.make(p.table)).json"
                return [.init("\(p.zone)/\(p.table)", link: file), .init(Format.compact(Double(p.json.count)) + "B", sortKey: Double(p.json.count))]
            })
        pages.append(Page(path: "downloads.html", title: "Downloads", template: "downloads", section: "downloads",
                          context: [:], fragments: ["tables": .html(tables.html), "profiles": .html(profiles.html)]))
    }
}
