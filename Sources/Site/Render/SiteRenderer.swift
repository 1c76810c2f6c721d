import Charts
import Foundation
import Lake
import RxCore

/// Makes the whole site: pages, charts, downloads, assets and the search index, written to a
/// staging directory beside the target and swapped in at the end (`AtomicDirectory`), so the
/// site directory is never half-built.
public struct SiteRenderer: Sendable {
    public var templates: PageTemplates
    public var chartRenderer: ChartRenderer

    public init(templates: PageTemplates, chartRenderer: ChartRenderer = ChartRenderer(includesPNG: false)) {
        self.templates = templates
        self.chartRenderer = chartRenderer
    }

    /// A renderer with the standard chart look; `chartPNG` adds a linked PNG under each chart.
    public init(templates: PageTemplates, chartPNG: Bool) {
        self.init(templates: templates, chartRenderer: ChartRenderer(includesPNG: chartPNG))
    }

    /// What a render wrote, for the log and the run record.
    public struct Summary: Sendable, Equatable {
        public var pages: Int
        public var charts: Int
        public var files: Int
        public var bytes: Int
    }

    /// Renders into memory: path → bytes, deterministic.
    public func files(for input: SiteInput, runLabel: String? = nil) throws(SiteError) -> [String: [UInt8]] {
        var build = SiteBuild(input: input)
        try build.makePages()
        let rendered: [RenderedChart]
        do {
            rendered = try chartRenderer.renderAllOrThrow(build.charts)
        } catch {
            throw .chart(error.description)
        }
        var charts: [String: RenderedChart] = [:]
        var files: [String: [UInt8]] = [:]
        for chart in rendered {
            charts[chart.name] = chart
            files["charts/\(chart.name).svg"] = chart.svg
            if let narrow = chart.narrow { files["charts/\(chart.name)-narrow.svg"] = narrow.svg }
            if !chart.png.isEmpty { files["charts/\(chart.name).png"] = chart.png }
        }
        let assets = try StaticAssets(source: templates.source)
        for (path, bytes) in assets.files { files[path] = bytes }
        files["assets/run.css"] = Array(PrintHeader.css(title: input.title, years: input.curated.years, runLabel: runLabel).utf8)
        for (path, script) in SearchIndex.shards(build.search) { files[path] = Array(script.utf8) }
        for (path, bytes) in build.downloads { files[path] = bytes }
        let nav = Navigation(sections: build.sections)
        for page in build.pages {
            files[page.path] = Array(try html(page, charts: charts, assets: assets, nav: nav, input: input).utf8)
        }
        files["report.html"] = Array(try ReportPage.html(
            pages: build.pages.filter { ReportPage.paths.contains($0.path) }, renderer: self, charts: charts,
            assets: assets, input: input, runLabel: runLabel).utf8)
        files[".rxpipe-gates.json"] = Array(GateFile.json(input, runLabel: runLabel).utf8)
        return files
    }

    /// Renders and replaces `directory` atomically. `check` sees every file before anything is
    /// written (the disclosure audit): when it throws, the site in `directory` stays as it was.
    @discardableResult
    public func render(
        _ input: SiteInput, to directory: String, runLabel: String? = nil,
        check: ([String: [UInt8]]) throws -> Void = { _ in }
    ) throws -> Summary {
        let files = try files(for: input, runLabel: runLabel)
        try check(files)
        let lock = try SiteLock(site: directory)
        defer { lock.release() }
        _ = StaleStaging.remove(beside: directory)
        let parent = (directory as NSString).deletingLastPathComponent
        let staging = (parent.isEmpty ? "." : parent) + "/." + (directory as NSString).lastPathComponent + ".staging-\(getpid())"
        let fm = FileManager.default
        try? fm.removeItem(atPath: staging)
        do throws(PlainFileError) {
            var made: Set<String> = []
            for path in files.keys.sorted() {
                let full = staging + "/" + path
                let folder = (full as NSString).deletingLastPathComponent
                if made.insert(folder).inserted { try PlainFile.makeDirectories(folder) }
                try PlainFile.write(files[path]!, to: full)
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw SiteError.writeFailed(path: error.path, reason: error.reason)
        }
        try AtomicDirectory.replace(directory, with: staging)
        let pages = files.keys.filter { $0.hasSuffix(".html") }.count
        let charts = files.keys.filter { $0.hasPrefix("charts/") && $0.hasSuffix(".svg") }.count
        return Summary(pages: pages, charts: charts, files: files.count, bytes: files.values.reduce(0) { $0 + $1.count })
    }

    /// Template → Markdown → HTML body (fragments substituted) for one page.
    func body(_ page: Page, charts: [String: RenderedChart]) throws(SiteError) -> String {
        var context = page.context
        var fragmentHTML: [String] = []
        var markers: [String: String] = [:]
        for name in page.fragments.keys.sorted() {
            markers[name] = FragmentMarkers.marker(fragmentHTML.count)
            fragmentHTML.append(try fragment(page.fragments[name]!, root: page.root, charts: charts))
        }
        context["f"] = markers
        context["root"] = page.root
        let markdown = try templates.markdown(page.template, context: context)
        let html: String
        do {
            html = try Markdown.html(markdown)
        } catch {
            throw .noData("\(page.template).md: \(error)")
        }
        // Tables written in Markdown scroll in their own box like rxpipe's own (`.table-wrap`).
        let wrapped = html.replacingOccurrences(of: "<table>", with: "<div class=\"table-wrap\"><table>")
            .replacingOccurrences(of: "</table>", with: "</table></div>")
        return FragmentMarkers.substitute(HeadingAnchors.add(wrapped), fragments: fragmentHTML)
    }

    func fragment(_ fragment: Fragment, root: String, charts: [String: RenderedChart]) throws(SiteError) -> String {
        switch fragment {
        case .html(let html): return html
        case .kpis(let cards): return KPICards.html(cards, root: root)
        case .sequence(let parts):
            var out = ""
            for part in parts { out += try self.fragment(part, root: root, charts: charts) + "\n" }
            return out
        case .chart(let name, let definition):
            guard let chart = charts[name] else { throw .chart("chart \(name) was not rendered") }
            return Figure.html(chart, root: root, definition: definition)
        case .locator(let name, let postal, let stateName):
            guard let chart = charts[name] else { throw .chart("chart \(name) was not rendered") }
            return Figure.locator(chart, root: root, postal: postal, stateName: stateName)
        }
    }

    func html(_ page: Page, charts: [String: RenderedChart], assets: StaticAssets, nav: Navigation, input: SiteInput) throws(SiteError) -> String {
        let content = try body(page, charts: charts)
        let banner = input.gates.map { GateBanner.html($0, root: page.root) } ?? ""
        var context = layoutContext(input: input, root: page.root)
        context["title"] = HTMLEscaping.visible(page.title)  // a drug or specialty name is data
        context["content"] = content
        context["nav"] = nav.html(current: page.section, root: page.root)
        context["banner"] = banner
        context["css"] = assets.stylesheet
        context["js"] = assets.script
        return templates.wrap(context)
    }

    /// The layout's `<footer>…</footer>` (the disclosure statement) for a top-level page, so
    /// `report.html` carries the very footer the site shows; empty if the layout has none.
    func footer(input: SiteInput) -> String {
        var context = layoutContext(input: input, root: "")
        for key in ["title", "content", "nav", "banner", "css", "js"] { context[key] = "" }
        let page = templates.wrap(context)
        guard let start = page.range(of: "<footer"), let end = page.range(of: "</footer>", range: start.upperBound..<page.endIndex)
        else { return "" }
        return String(page[start.lowerBound..<end.upperBound])
    }

    /// The layout values every page shares.
    private func layoutContext(input: SiteInput, root: String) -> [String: Any] {
        [
            "site_title": input.title, "root": root, "years": input.curated.years.map(String.init).joined(separator: ", "),
            "csp": ContentSecurityPolicy.standard, "suppress_below": String(input.policy.suppressBelow),
        ]
    }
}
