import Curated

extension SiteBuild {
    mutating func makeCatalog() {
        let overview = HTMLTable(
            caption: "Every table of the lake",
            columns: [.init("Table"), .init("Zone"), .init("Rows", .count), .init("Size", .bytes),
                      .init("Files", .count), .init("Partitions", .count), .init("Version", .count),
                      .init("Made by"), .init("From")],
            rows: input.catalog.map { e in
                [.init("\(e.zone)/\(e.table)", link: "#table-\(Slug.make(e.zone))-\(Slug.make(e.table))"), .init(e.zone),
                 .number(e.rows), .number(e.bytes), .number(e.files), .number(e.partitions), .number(e.version),
                 .init("rxpipe " + e.stage),
                 .init(e.inputs.joined(separator: "; "))]
            })
        var details = ""
        for e in input.catalog {
            let id = "table-\(Slug.make(e.zone))-\(Slug.make(e.table))"
            details += "<section class=\"catalog-table\" id=\"\(id)\">\n<h3>\(HTMLEscaping.escape("\(e.zone)/\(e.table)"))</h3>\n"
            let partitioning = e.partitionColumns.isEmpty ? "not partitioned" : "partitioned by " + e.partitionColumns.joined(separator: ", ")
            details += "<p>\(Format.count(e.rows, "row")) in \(Format.count(e.files, "Parquet file")), \(partitioning). Content hash <code>\(HTMLEscaping.escape(String(e.contentHash.prefix(16))))…</code>.</p>\n"
            details += HTMLTable(
                caption: "Schema of \(e.zone)/\(e.table)",
                columns: [.init("Column"), .init("Type"), .init("Nullable")],
                rows: e.fields.map { [.init($0.name), .init($0.type.rawValue), .init($0.nullable ? "yes" : "no")] }).html
            details += "\n</section>\n"
        }
        pages.append(Page(path: "catalog.html", title: "Data catalog", template: "catalog", section: "catalog",
                          context: ["table_count": String(input.catalog.count)],
                          fragments: ["tables": .html(overview.html), "details": .html(details)]))
    }
}
