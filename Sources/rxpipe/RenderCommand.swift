import ArgumentParser
import Foundation
import Pipeline
import Logging
import RxCore
import Runs
import Site

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Build the static report site from the curated tables, profiles and quality results.",
        discussion: """
            Page templates are Markdown with Mustache tags, taken from [site] templates (empty by
            default: templates/ in the working directory when it exists) and, for every file that
            folder lacks, from the templates built into rxpipe (`rxpipe init` writes a copy to edit;
            -v logs which came from where; see docs/templates.md). `{{value}}` is escaped for
            Markdown, `{{{f.name}}}` places rxpipe's own tables and charts.
            The site is built in a staging folder and swapped in at the end, so [site] dir is never
            half-built. Open <dir>/index.html directly; no server is needed.

            Examples:
              rxpipe render
              rxpipe render --out /tmp/site --templates my-templates
            """)

    @Option(help: "Output directory (default: [site] dir).")
    var out: String?

    @Option(help: "Template folder over the built-in templates (default: [site] templates).")
    var templates: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.render")
            var config = try global.loadConfig()
            let started = Date()
            let lake = try LakeAccess.open(&config, logger: logger)
            let lock = try RunLock(lakeRoot: config.lake.root)
            defer { lock.release() }
            let verdict = try DataVerdict.forCurrentData(lakeRoot: config.lake.root, thresholds: config.quality)
            let directory = out ?? config.site.dir
            let summary = try RenderStage(config: config, verdict: verdict, directory: directory, templatesFolder: templates).perform()
            try lake.finish()
            let seconds = Date().timeIntervalSince(started)
            if !verdict.passed {
                logger.warning("the curated data failed a quality gate (\(verdict.gates.filter { !$0.passed }.map(\.name).joined(separator: ", "))): the site carries the banner and `rxpipe publish` refuses it")
            }
            print("site\t\(summary.pages) pages\t\(summary.charts) charts\t\(summary.files) files\t\(summary.bytes) bytes\t\(directory)/index.html")
            logger.info("rendered the site in \(String(format: "%.2f", seconds)) s")
        }
    }
}
