import Charts
import Digests
import Foundation
import Lake

/// `report.html`: the site as one finished document to print or attach to an e-mail, with
/// styles, script and charts inlined. A cover (title, data years, source, data version, run,
/// its date and the quality gates), a linked table of contents, then the overview, drugs,
/// prescribers, geography and trends pages, the data quality summary and the methodology, each
/// a section (`ReportSection` keeps ids unique and links inside the document), and the site's
/// footer with the disclosure policy.
enum ReportPage {
    /// The site pages in the report, in order, with the key that prefixes their ids.
    static let sections: [(path: String, key: String)] = [
        ("index.html", "overview"), ("drugs.html", "drugs"), ("prescribers.html", "prescribers"),
        ("geography.html", "geography"), ("trends.html", "trends"), ("quality.html", "quality"),
        ("methodology.html", "methodology"),
    ]
    static let paths = Set(sections.map(\.path))

    static func html(
        pages: [Page], renderer: SiteRenderer, charts: [String: RenderedChart], assets: StaticAssets, input: SiteInput,
        runLabel: String?
    ) throws(SiteError) -> String {
        let keys = Dictionary(uniqueKeysWithValues: sections.map { ($0.path, $0.key) })
        var body = ""
        var contents: [ReportContents.Entry] = []
        var ids: Set<String> = ["contents"]
        for (path, key) in sections {
            guard var page = pages.first(where: { $0.path == path }) else { continue }
            // Templates leave out what only makes sense on the site (the list of other pages,
            // the quality page's long example tables).
            page.context["in_report"] = true
            // The document is one year's report: the switch to other years' pages stays on the site.
            page.fragments["year_switch"] = nil
            let content = inlineCharts(ReportTables.shorten(try renderer.body(page, charts: charts), keep: 40), charts: charts)
            let section = ReportSection(keys: keys, key: key).rewrite(content)
            ids.formUnion(section.ids)
            contents.append(.init(id: key, title: page.title, children: ReportContents.subheadings(section.html)))
            body += "<section class=\"report-section\" aria-labelledby=\"\(key)\">\n\(section.html)\n</section>\n"
        }
        let links = ReportSection(keys: keys, key: "")
        let cover = links.links(ReportCover.html(input: input, runLabel: runLabel))
        let footer = links.links(renderer.footer(input: input))
        let main = ReportLinks.resolve(cover + ReportContents.html(contents) + body, ids: ids)
        let css = assets.stylesheetText + "\n" + PrintHeader.css(title: input.title, years: input.curated.years, runLabel: runLabel)
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
            <meta name="color-scheme" content="light dark">
            <title>\(HTMLEscaping.escape(input.title)) — report, data years \(years)</title>
            <style>\(css)</style>
            </head>
            <body class="report">
            <main id="main">
            \(main)</main>
            \(footer)
            <script>\(js)</script>
            </body>
            </html>

            """
    }

    /// `'sha256-…'` for a Content-Security-Policy allowing exactly this inline text.
    static func cspHash(_ text: String) -> String {
        let hex = SHA256.hex(Array(text.utf8))
        var bytes: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            bytes.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return "sha256-" + Data(bytes).base64EncodedString()
    }

    /// An SVG as the text of a `data:` URI: percent-encoded where a URI or a double-quoted HTML
    /// attribute needs it, readable elsewhere (a quarter smaller than base64 for path data).
    static func dataURIText(_ svg: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + svg.count / 8)
        for byte in svg {
            if safeInDataURI[Int(byte)] {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return out
    }

    private static let safeInDataURI: [Bool] = (0..<256).map { byte in
        let c = UInt8(byte)
        return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || Array(" -._~!$'()*+,;=:@/?".utf8).contains(c)
    }

    /// `src="charts/x.svg"` → a data URI of the SVG; PNG links and phone-variant `<source>`s
    /// are dropped (the report is one self-contained document, made to be printed).
    static func inlineCharts(_ html: String, charts: [String: RenderedChart]) -> String {
        let text = ByteSearch(withoutPhoneSources(html))
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
                out.append("src=\"data:image/svg+xml,")
                out.append(contentsOf: dataURIText(chart.svg))
                out.append("\"")
            } else {
                out.append(contentsOf: text.bytes[start...quote])
            }
            position = quote + 1
        }
        if position < text.bytes.count { out.append(contentsOf: text.bytes[position...]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Removes each `<source … srcset="charts/…">` that `Figure` writes inside a `<picture>`.
    static func withoutPhoneSources(_ html: String) -> String {
        var out = ""
        var rest = html[...]
        while let start = rest.range(of: "<source media="), let end = rest[start.upperBound...].firstIndex(of: ">") {
            out += rest[..<start.lowerBound]
            let tag = rest[start.lowerBound...end]
            if !tag.contains("srcset=\"charts/") { out += tag }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}
