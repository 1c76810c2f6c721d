import Curated

extension SiteBuild {
    mutating func makeDownloads() throws(SiteError) {
        var rows: [[HTMLTable.Cell]] = []
        var splitTables = ""
        for d in input.tableDownloads {
            let files = try DownloadFiles.files(for: d)
            for f in files { downloads[f.path] = f.bytes }
            let size = files.reduce(0) { $0 + $1.bytes.count }
            var json: [HTMLTable.Cell] = [.init("CSV only (too large)"), .number(nil as Int?)]
            if let bytes = d.json {
                let path = "data/\(Slug.make(d.table)).json"
                downloads[path] = bytes
                json = [.init("JSON", link: path), .number(bytes.count)]
            }
            if files.count == 1 {
                let kind = files[0].path.hasSuffix(".gz") ? "CSV, gzip" : "CSV"
                rows.append([.init(d.table, link: files[0].path), .init(kind), .number(d.rows), .number(size)] + json)
                continue
            }
            let anchor = "files-" + Slug.make(d.table)
            rows.append([.init(d.table, link: "#" + anchor), .init("CSV, gzip, \(files.count) files by state"),
                         .number(d.rows), .number(size)] + json)
            splitTables += HTMLTable(
                caption: "\(d.table) by state (gzip-compressed CSV, the header in each file)",
                columns: [.init("State"), .init("Rows", .count), .init("Size", .bytes)],
                rows: files.map { f in
                    [.init(f.label, link: f.path), .number(f.rows), .number(f.bytes.count)]
                }).html.replacingOccurrences(of: "<div class=\"table-wrap\">", with: "<div class=\"table-wrap\" id=\"\(anchor)\">") + "\n"
        }
        let tables = HTMLTable(
            caption: "Curated tables", columns: [.init("Table"), .init("Format"), .init("Rows", .count), .init("Size", .bytes),
                                                 .init("As data"), .init("JSON size", .bytes)],
            rows: rows)
        let profiles = HTMLTable(
            caption: "Table profiles as JSON", columns: [.init("Profile"), .init("Size", .bytes)],
            rows: input.profiles.map { p in
                let file = "data/profiles/\(Slug.make(p.zone))-\(Slug.make(p.table)).json"
                return [.init("\(p.zone)/\(p.table)", link: file), .number(p.json.count)]
            })
        pages.append(Page(path: "downloads.html", title: "Downloads", template: "downloads", section: "downloads",
                          context: ["has_split": !splitTables.isEmpty],
                          fragments: ["tables": .html(tables.html), "split": .html(splitTables), "profiles": .html(profiles.html)]))
    }
}
