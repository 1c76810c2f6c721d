/// A data table as accessible HTML: a caption, column headers with scope, and per-cell sort
/// keys so `site.js` can sort numerically. Every cell's text is escaped here. A column with a
/// `NumberColumn` writes its cells from their sort keys, the whole column at one precision.
public struct HTMLTable: Sendable {
    public enum Align: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var align: Align
        /// Formats the column's numbers (right-aligned); nil keeps each cell's text.
        public var numbers: NumberColumn?
        public init(_ title: String, align: Align = .left) {
            self.title = title
            self.align = align
        }
        public init(_ title: String, _ numbers: NumberColumn) {
            self.title = title
            self.align = .right
            self.numbers = numbers
        }
    }

    public struct Cell: Sendable {
        public var text: String
        /// Numeric sort key; nil sorts the text.
        public var sortKey: Double?
        /// A relative link for the cell's text.
        public var link: String?
        /// An element id (a search target).
        public var anchor: String?

        public init(_ text: String, sortKey: Double? = nil, link: String? = nil, anchor: String? = nil) {
            self.text = text
            self.sortKey = sortKey
            self.link = link
            self.anchor = anchor
        }

        /// A number for a column with a `NumberColumn`; nil shows an en dash.
        public static func number(_ value: Double?, link: String? = nil, anchor: String? = nil) -> Cell {
            Cell("", sortKey: value, link: link, anchor: anchor)
        }

        public static func number(_ value: Int?, link: String? = nil, anchor: String? = nil) -> Cell {
            number(value.map(Double.init), link: link, anchor: anchor)
        }
    }

    public var caption: String
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Adds the filter box (long tables).
    public var filterable: Bool
    /// Sort buttons and per-cell sort keys; off for the short tables of the entity pages,
    /// where the keys would be a fifth of the page's weight and sorting 10 rows gains nothing.
    public var sortable: Bool

    public init(caption: String, columns: [Column], rows: [[Cell]], filterable: Bool = false, sortable: Bool = true) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.filterable = filterable
        self.sortable = sortable
    }

    public var html: String {
        var out = "<div class=\"table-wrap\">\n"
        let attributes = !sortable ? "" : filterable ? " data-sortable data-filterable" : " data-sortable"
        out += "<table\(attributes)>\n<caption>\(HTMLEscaping.escape(caption))</caption>\n<thead><tr>"
        for column in columns {
            let cls = column.align == .right ? " class=\"num\"" : ""
            out += "<th scope=\"col\"\(cls)>\(HTMLEscaping.escape(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        let texts = columns.indices.map { i in columns[i].numbers?.format(rows.map { i < $0.count ? $0[i].sortKey : nil }) }
        for (r, row) in rows.enumerated() {
            out += "<tr>"
            for (i, var cell) in row.enumerated() {
                if i < texts.count, let column = texts[i] { cell.text = column[r] }
                let right = i < columns.count && columns[i].align == .right
                var attrs = right ? " class=\"num\"" : ""
                if sortable, let key = cell.sortKey, key.isFinite { attrs += " data-sort=\"\(Self.sortKeyText(key))\"" }
                if let anchor = cell.anchor { attrs += " id=\"\(HTMLEscaping.escape(anchor))\"" }
                let text = HTMLEscaping.escape(cell.text)
                let content = cell.link.map { "<a href=\"\(HTMLEscaping.escape($0))\">\(text)</a>" } ?? text
                out += i == 0 ? "<th scope=\"row\"\(attrs)>\(content)</th>" : "<td\(attrs)>\(content)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>"
        return out
    }

    /// Sort keys are written with enough digits to order doubles exactly, locale-free.
    static func sortKeyText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
