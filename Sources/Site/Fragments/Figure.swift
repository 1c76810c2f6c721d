import Charts

/// A chart on a page: the SVG (vector for print), a link to the 2× PNG, its text alternative,
/// and its data as a table behind a disclosure, so the figure reads without the image. A chart
/// with a phone variant is a `<picture>` whose source small screens pick (see `Legibility`).
public enum Figure {
    public static func html(_ chart: RenderedChart, root: String, definition: String? = nil) -> String {
        let base = "\(root)charts/\(chart.name)"
        let alt = HTMLEscaping.escape(chart.alternative.text)
        var out = "<figure class=\"chart\">\n"
        let image = "<img src=\"\(HTMLEscaping.escape(base)).svg\" alt=\"\(alt)\" width=\"\(Int(chart.size.width))\" height=\"\(Int(chart.size.height))\">"
        if let narrow = chart.narrow {
            out += "<picture><source media=\"(max-width: \(Legibility.narrowMediaMaxWidth)px)\" srcset=\"\(HTMLEscaping.escape(base))-narrow.svg\""
            out += " width=\"\(Int(narrow.size.width))\" height=\"\(Int(narrow.size.height))\">\(image)</picture>\n"
        } else {
            out += image + "\n"
        }
        out += "<figcaption>\(HTMLEscaping.escape(chart.alternative.title))"
        out += " <a class=\"png\" href=\"\(HTMLEscaping.escape(base)).png\">PNG</a>"
        if let definition { out += " · <a href=\"\(root)methodology.html#\(definition)\">definition</a>" }
        out += "</figcaption>\n"
        if !chart.table.rows.isEmpty {
            let table = HTMLTable(
                caption: "Data: " + chart.alternative.title,
                columns: chart.table.columns.enumerated().map { HTMLTable.Column($0.element, align: $0.offset == 0 ? .left : .right) },
                rows: chart.table.rows.map { $0.map { HTMLTable.Cell($0) } })
            out += "<details class=\"chart-data\"><summary>Data table</summary>\n\(table.html)\n</details>\n"
        }
        return out + "</figure>"
    }
}
