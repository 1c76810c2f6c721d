import Charts

/// Something rxpipe itself writes into a page (trusted HTML), placed by `{{{f.name}}}`.
public enum Fragment: Sendable {
    case html(String)
    /// A chart rendered by the site's chart pass, shown as a figure.
    case chart(String, definition: String? = nil)
    /// The shared locator map (a chart rendered once) highlighting one state by URL fragment.
    case locator(String, postal: String, stateName: String)
    case kpis([KPICard])
    /// Several fragments one after another.
    indirect case sequence([Fragment])
}

/// One page of the site before rendering.
/// Unchecked: `context` is `[String: Any]` for Mustache, holding only strings, numbers, booleans
/// and arrays and dictionaries of them, built before the page is shared and never mutated after.
public struct Page: @unchecked Sendable {
    /// Relative path in the site, e.g. `drugs.html` or `states/ca.html`.
    public var path: String
    public var title: String
    /// Template name (`drugs` → `templates/drugs.md`).
    public var template: String
    /// Mustache values; strings are escaped as Markdown unless placed with `{{{…}}}`.
    public var context: [String: Any]
    public var fragments: [String: Fragment]
    /// The navigation entry this page belongs to.
    public var section: String

    public init(path: String, title: String, template: String, section: String, context: [String: Any] = [:], fragments: [String: Fragment] = [:]) {
        self.path = path
        self.title = title
        self.template = template
        self.section = section
        self.context = context
        self.fragments = fragments
    }

    /// `../` for pages in a subfolder, so every link is relative.
    public var root: String { String(repeating: "../", count: path.filter { $0 == "/" }.count) }
}

/// One entry of the search box's index.
public struct SearchEntry: Sendable, Hashable {
    public var title: String
    public var kind: String
    public var url: String
}
