import Charts
import Foundation
import Lake

/// `report.html`: the overview, drugs, prescribers, geography and trends pages in one
/// self-contained file (styles, script and charts inlined) to attach to an e-mail. Links to
/// other pages become in-file anchors where the target is inside the report, plain text otherwise.
enum ReportPage {
    static let sections = ["index.html", "drugs.html", "prescribers.html", "geography.html", "trends.html"]

    static func html(pages: [Page], renderer: SiteRenderer, charts: [String: RenderedChart], assets: StaticAssets, input: SiteInput) throws(SiteError) -> String {
        var body = ""
        var ids = Set<String>()
        for path in sections {
            guard let page = pages.first(where: { $0.path == path }) else { continue }
            let content = try renderer.body(page, charts: charts)
            body += "<section class=\"report-section\">\n<h1 class=\"section-title\">\(HTMLEscaping.escape(page.title))</h1>\n\(content)\n</section>\n"
            ids.formUnion(elementIDs(content))
        }
        body = inlineCharts(body, charts: charts)
        body = localLinks(body, ids: ids)
        let css = assets.stylesheetText
        let js = assets.scriptText
        let csp = "default-src 'none'; img-src data:; style-src '\(cspHash(css))'; script-src '\(cspHash(js))'; base-uri 'none'; form-action 'none'"
        let years = input.curated.years.map(String.init).joined(separator: ", ")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(csp)">
            <title>\(HTMLEscaping.escape(input.title)) — report, data years \(years)</title>
            <style>\(css)</style>
            </head>
            <body class="report">
            <header class="site-header"><p class="site-title">\(HTMLEscaping.escape(input.title))</p><p class="years">Data years \(years)</p></header>
            <main id="main">
            \(body)</main>
            <script>\(js)</script>
            </body>
            </html>

            """
    }

    /// `'sha256-…'` for a Content-Security-Policy allowing exactly this inline text.
    static func cspHash(_ text: String) -> String {
        let hex = SHA256Hex.of(Array(text.utf8))
        var bytes: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            bytes.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return "sha256-" + Data(bytes).base64EncodedString()
    }

    static func elementIDs(_ html: String) -> Set<String> {
        let text = ByteSearch(html)
        let pattern = Array(" id=\"".utf8)
        var ids = Set<String>()
        var position = 0
        while let start = text.find(pattern, from: position) {
            let valueStart = start + pattern.count
            guard let end = text.find([UInt8(ascii: "\"")], from: valueStart) else { break }
            ids.insert(text.string(valueStart..<end))
            position = end + 1
        }
        return ids
    }

    /// `src="charts/x.svg"` → a data URI of the SVG; PNG links are dropped.
    static func inlineCharts(_ html: String, charts: [String: RenderedChart]) -> String {
        let text = ByteSearch(html)
        let src = Array("src=\"charts/".utf8), png = Array(" <a class=\"png\" href=\"charts/".utf8)
        let pngEnd = Array("</a>".utf8)
        var out: [UInt8] = []
        var position = 0
        while position < text.bytes.count {
            let nextSrc = text.find(src, from: position), nextPNG = text.find(png, from: position)
            guard let start = [nextSrc, nextPNG].compactMap({ $0 }).min() else { break }
            out.append(contentsOf: text.bytes[position..<start])
            if start == nextPNG, let end = text.find(pngEnd, from: start) {
                position = end + pngEnd.count
                continue
            }
            let nameStart = start + src.count
            guard let quote = text.find([UInt8(ascii: "\"")], from: nameStart) else {
                out.append(contentsOf: text.bytes[start..<nameStart])
                position = nameStart
                continue
            }
            let file = text.string(nameStart..<quote)
            if file.hasSuffix(".svg"), let chart = charts[String(file.dropLast(4))] {
                out.append("src=\"data:image/svg+xml;base64," + Data(chart.svg).base64EncodedString() + "\"")
            } else {
                out.append(contentsOf: text.bytes[start...quote])
            }
            position = quote + 1
        }
        if position < text.bytes.count { out.append(contentsOf: text.bytes[position...]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Rewrites `href="page.html#id"` to `#id` when the id is in the report; other relative
    /// page links lose their href (the text stays).
    static func localLinks(_ html: String, ids: Set<String>) -> String {
        let text = ByteSearch(html)
        let pattern = Array("<a href=\"".utf8)
        var out: [UInt8] = []
        var position = 0
        while let start = text.find(pattern, from: position) {
            out.append(contentsOf: text.bytes[position..<start])
            let valueStart = start + pattern.count
            guard let end = text.find([UInt8(ascii: "\"")], from: valueStart) else {
                position = start
                break
            }
            let target = text.string(valueStart..<end)
            if target.hasPrefix("#") {
                out.append("<a href=\"\(target)\"")
            } else if let hash = target.firstIndex(of: "#"), ids.contains(String(target[target.index(after: hash)...])) {
                out.append("<a href=\"\(target[hash...])\"")
            } else {
                out.append("<a")
            }
            position = end + 1
        }
        out.append(contentsOf: text.bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }
}
