import Charts

/// A chart on a page: the SVG (vector for print), a link to the 2× PNG when one was drawn, its text alternative,
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
        if !chart.png.isEmpty { out += " <a class=\"png\" href=\"\(HTMLEscaping.escape(base)).png\">PNG</a>" }
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

    /// The shared locator map with one state highlighted: the SVG's own `:target` style colours
    /// the state its URL fragment names, so every state page loads the same file.
    public static func locator(_ chart: RenderedChart, root: String, postal: String, stateName: String) -> String {
        let src = "\(root)charts/\(chart.name).svg#\(LocatorMap.fragment(for: postal))"
        let title = "Location of \(stateName)"
        let alt = HTMLEscaping.escape("\(title). Map of the United States with \(stateName) highlighted.")
        return "<figure class=\"chart locator\">\n<img src=\"\(HTMLEscaping.escape(src))\" alt=\"\(alt)\" width=\"\(Int(chart.size.width))\" height=\"\(Int(chart.size.height))\">\n"
            + "<figcaption>\(HTMLEscaping.escape(title))</figcaption>\n</figure>"
    }
}
