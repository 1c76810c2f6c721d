/// One site page turned into a section of `report.html`.
///
/// Each page is written to stand alone: its own `<h1>`, ids unique only within it, links to
/// sibling pages. In one document those collide ("definition" links landed on a chart heading
/// of the same name), so every section is rewritten tag by tag:
/// - headings go down one level: the page's `<h1>` becomes the section's `<h2 id="key">`, so
///   the report has a single `<h1>` (its cover);
/// - every id gets the section's key as a prefix (`claims` → `methodology-claims`);
/// - links to a page inside the report become in-document links (`methodology.html#claims` →
///   `#methodology-claims`, `drugs.html` → `#drugs`); links to pages outside it lose their
///   `href` and keep their text, as the report travels without the site.
/// `ReportLinks.resolve` later drops links whose target id the report does not have.
struct ReportSection {
    /// Site path (`drugs.html`) and section key (`drugs`) of every page in the report.
    let keys: [String: String]
    let key: String

    /// The rewritten body and the ids it defines.
    func rewrite(_ html: String) -> (html: String, ids: Set<String>) {
        var ids: Set<String> = []
        let out = HTMLTags.map(html) { tag in
            if let level = Self.headingLevel(tag) {
                let closing = tag.hasPrefix("</")
                if level == 1 {
                    if closing { return "</h2>" }
                    ids.insert(key)
                    return "<h2 id=\"\(key)\">"
                }
                let tail = tag.dropFirst(closing ? 4 : 3)
                var moved = (closing ? "</h" : "<h") + String(min(level + 1, 6)) + tail
                if !closing { moved = prefixID(moved, into: &ids) }
                return moved
            }
            return link(prefixID(tag, into: &ids))
        }
        return (out, ids)
    }

    /// The level of `<hN …>` or `</hN>` (N in 1…6), nil for any other tag.
    static func headingLevel(_ tag: String) -> Int? {
        let bytes = Array(tag.utf8.prefix(5))
        let start = bytes.count > 1 && bytes[1] == UInt8(ascii: "/") ? 2 : 1
        guard bytes.count > start + 2, bytes[start] == UInt8(ascii: "h") || bytes[start] == UInt8(ascii: "H"),
            (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[start + 1]),
            [UInt8(ascii: ">"), UInt8(ascii: " ")].contains(bytes[start + 2])
        else { return nil }
        return Int(bytes[start + 1] - UInt8(ascii: "0"))
    }

    private func prefixID(_ tag: String, into ids: inout Set<String>) -> String {
        guard let value = HTMLTags.attribute("id", in: tag) else { return tag }
        let id = "\(key)-\(tag[value])"
        ids.insert(id)
        return tag.replacingCharacters(in: value, with: id)
    }

    /// Only the links of `html` rewritten (the cover and the footer, which define no ids).
    func links(_ html: String) -> String {
        HTMLTags.map(html, link)
    }

    private func link(_ tag: String) -> String {
        guard let value = HTMLTags.attribute("href", in: tag) else { return tag }
        let target = String(tag[value])
        let (page, fragment) = Self.split(target)
        let replacement: String?
        if page.isEmpty {
            replacement = fragment.map { "#\(key)-\($0)" }
        } else if let other = keys[page] {
            replacement = fragment.map { "#\(other)-\($0)" } ?? "#\(other)"
        } else {
            replacement = nil
        }
        guard let replacement else { return HTMLTags.removingAttribute("href", from: tag) }
        return tag.replacingCharacters(in: value, with: replacement)
    }

    /// `drugs.html#x` → ("drugs.html", "x"); `#x` → ("", "x"); `drugs.html` → ("drugs.html", nil).
    static func split(_ target: String) -> (page: String, fragment: String?) {
        guard let hash = target.firstIndex(of: "#") else { return (target, nil) }
        return (String(target[..<hash]), String(target[target.index(after: hash)...]))
    }
}

/// After every section is rewritten: an in-document link whose id the report lacks (a row of
/// a table the report leaves out) loses its `href`, so no link in the report leads nowhere.
enum ReportLinks {
    static func resolve(_ html: String, ids: Set<String>) -> String {
        HTMLTags.map(html) { tag in
            guard let value = HTMLTags.attribute("href", in: tag), tag[value].hasPrefix("#") else { return tag }
            return ids.contains(String(tag[value].dropFirst())) ? tag : HTMLTags.removingAttribute("href", from: tag)
        }
    }
}
