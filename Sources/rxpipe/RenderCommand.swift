import ArgumentParser
import Foundation
import Logging
import RxCore
import Site

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Build the static report site from the curated tables, profiles and quality results.",
        discussion: """
            Page templates are Markdown with Mustache tags in [site] templates (default templates/):
            `{{value}}` is escaped for Markdown, `{{{f.name}}}` places rxpipe's own tables and charts.
            The site is built in a staging folder and swapped in at the end, so [site] dir is never
            half-built. Open <dir>/index.html directly; no server is needed.

            Examples:
              rxpipe render
              rxpipe render --out /tmp/site --templates my-templates
            """)

    @Option(help: "Output directory (default: [site] dir).")
    var out: String?

    @Option(help: "Template folder (default: [site] templates).")
    var templates: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.render")
            let config = try global.loadConfig()
            let started = Date()
            let templates = try PageTemplates(directory: templates ?? config.site.templates)
            var input = try SiteInput.load(
                lakeRoot: config.lake.root, title: config.site.title, geometryPath: SiteInput.defaultGeometryPath())
            input.movers = MoversBase(config.site)
            let directory = out ?? config.site.dir
            let summary = try SiteRenderer(templates: templates).render(input, to: directory)
            let seconds = Date().timeIntervalSince(started)
            print("site\t\(summary.pages) pages\t\(summary.charts) charts\t\(summary.files) files\t\(summary.bytes) bytes\t\(directory)/index.html")
            logger.info("rendered the site in \(String(format: "%.2f", seconds)) s")
        }
    }
}
