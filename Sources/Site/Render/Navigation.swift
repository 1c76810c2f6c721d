/// The site's navigation bar; the current section is marked for screen readers.
struct Navigation {
    struct Section {
        var id: String
        var title: String
        var path: String
    }
    var sections: [Section]

    func html(current: String, root: String) -> String {
        var out = "<nav aria-label=\"Site\"><ul>"
        for s in sections {
            let mark = s.id == current ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(root)\(s.path)\"\(mark)>\(HTMLEscaping.escape(s.title))</a></li>"
        }
        return out + "</ul></nav>"
    }
}
