import Curated
import Digests
import Disclosure
import Foundation
import Lake
import Logging
import Runs
import RxCore
import Site
import SiteAudit

/// render: the static site from the curated data under its verdict (gates, run label, history,
/// changes), every file audited against the disclosure policy before the site is swapped in.
public struct RenderStage: Stage {
    public let name = StageName.render
    public let config: RxpipeConfig
    public let verdict: DataVerdict
    /// The data versions the site lists (`rxpipe run` knows them; they enter the fingerprint).
    public let versions: [RunRecord]
    /// `--out` (default: `[site] dir`).
    public let directory: String
    /// `--templates` (default: `[site] templates`).
    public let templatesFolder: String?

    public init(config: RxpipeConfig, verdict: DataVerdict, versions: [RunRecord] = [], directory: String? = nil, templatesFolder: String? = nil) {
        self.config = config
        self.verdict = verdict
        self.versions = versions
        self.directory = directory ?? config.site.dir
        self.templatesFolder = templatesFolder
    }

    var lakeRoot: String { config.lake.root }

    public func fingerprint() throws -> String {
        var f = Fingerprint()
        f.add("rxpipe", RxpipeVersion.string)
        // Every template and static asset, from the template folder or built in.
        f.add("templates", try Self.templates(config, folder: templatesFolder, logs: false).fingerprint)
        f.add("title", config.site.title)
        f.add("movers base", "\(config.site.moversMinClaims) \(config.site.moversMinCost)")
        f.add("outliers", "\(config.outliers)")
        f.add("chart png", "\(config.site.chartPNG)")
        f.add("geometry", SHA256.hex(SiteInput.geometryBytes(path: SiteInput.defaultGeometryPath())))
        for (k, v) in RunFacts.tableHashes(lakeRoot: lakeRoot, zones: ["raw", "cleansed", "quarantine", "curated"]) { f.add(k, v) }
        f.add("quality", Fingerprint.ofFile(lakeRoot + "/cleansed/quality.json"))
        let profiles = lakeRoot + "/profiles"
        for zone in ((try? FileManager.default.contentsOfDirectory(atPath: profiles)) ?? []).sorted() {
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: "\(profiles)/\(zone)")) ?? []).sorted() {
                f.add("profile \(zone)/\(file)", Fingerprint.ofFile("\(profiles)/\(zone)/\(file)"))
            }
        }
        for g in verdict.gates { f.add("gate \(g.name)", "\(g.passed) \(g.detail)") }
        for v in versions { f.add("version", v.runID + " " + DataVersions.key(v)) }
        f.add("changes", verdict.changesMarkdown ?? "")
        f.add("run label", versions.last?.runID ?? "")
        return f.hex
    }

    public func outputsPresent() -> Bool { FileManager.default.fileExists(atPath: directory + "/index.html") }

    public func run() throws -> String {
        let summary = try perform()
        return "\(summary.pages) pages, \(summary.charts) charts in \(directory)"
    }

    public func perform() throws -> SiteRenderer.Summary {
        let pageTemplates = try Self.templates(config, folder: templatesFolder)
        let geometry = SiteInput.defaultGeometryPath()
        Logger(label: "rxpipe.render").debug("map geometry: \(geometry ?? "built in")")
        let policy = DisclosurePolicy(suppressBelow: config.privacy.suppressBelow, pseudonymized: config.privacy.pseudonymize)
        var input = try SiteInput.load(
            lakeRoot: lakeRoot, title: config.site.title, geometryPath: geometry, policy: policy, gates: verdict.gateSummary)
        input.history = verdict.history
        input.movers = MoversBase(config.site)
        input.outlierListing = OutlierListing(config.outliers)
        input.changesMarkdown = verdict.changesMarkdown
        input.dataVersion = verdict.dataVersion
        let auditor = SiteAuditor(rules: try SiteAuditing.rules(config, lakeRoot: lakeRoot))
        let directory = self.directory
        return try SiteRenderer(templates: pageTemplates, chartPNG: config.site.chartPNG).render(input, to: directory, runLabel: verdict.runID) { files in
            try SiteAuditing.refuse(auditor.audit(files: files), site: directory)
        }
    }

    /// The templates of `folder` (`--templates`) or `[site] templates` over the embedded
    /// defaults, with a debug line saying which files came from where.
    public static func templates(_ config: RxpipeConfig, folder: String? = nil, logs: Bool = true) throws -> PageTemplates {
        let source = try TemplateSource(directory: TemplateSource.directory(configured: folder ?? config.site.templates))
        if logs {
            let logger = Logger(label: "rxpipe.render")
            if let directory = source.directory {
                let own = source.names(from: .folder)
                logger.debug("templates from \(directory): \(own.isEmpty ? "none" : own.joined(separator: ", "))")
            }
            logger.debug("templates built in: \(source.names(from: .embedded).joined(separator: ", "))")
        }
        return try PageTemplates(source: source)
    }
}
