import ArgumentParser
import Foundation
import Pipeline
import RxCore
import SiteAudit

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Scan a rendered site for anything the disclosure policy forbids.",
        discussion: """
            Reads every text file of SITE_DIR (HTML, JavaScript, JSON, CSV, SVG) and reports, with \
            file, line and column: beneficiary or claim counts from 1 to [privacy] suppress_below − 1 \
            beside their column, sums or means of beneficiaries, 65+ figures shown although CMS \
            flagged them (* or #), totals and parts whose difference is such a count, and — when \
            the lake is pseudonymised — real NPIs, prescriber names and source files, read from the \
            lake's raw zone. It does not use the code that redacted the site. Exit 0 when clean, \
            4 when anything was found. `rxpipe run`, `render` and `publish` run the same audit and \
            refuse a site that fails it.

            Examples:
              rxpipe audit site
              rxpipe audit /srv/www/partd --lake /data/lake
            """)

    @Argument(help: "The rendered site (default: [site] dir).")
    var siteDir: String?

    @Option(help: "The lake the site was rendered from (default: [lake] root).")
    var lake: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.audit")
            var config = try global.loadConfig()
            let access = try LakeAccess.open(&config, location: lake, logger: logger)
            let site = siteDir ?? config.site.dir
            let started = Date()
            let rules = try SiteAuditing.rules(config, lakeRoot: access.root)
            let findings: [AuditFinding]
            do {
                findings = try SiteAuditor(rules: rules).audit(directory: site)
            } catch let error as AuditError {
                throw CommandFailure.failed(error.description)
            }
            for finding in findings { print(finding) }
            logger.info("audited \(site) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(findings.count) findings (suppress_below \(rules.suppressBelow), pseudonymised \(rules.pseudonymized), \(rules.identities.npis.count) NPIs and \(rules.identities.nameCount) names checked)")
            if !findings.isEmpty { throw ExitCode(4) }
        }
    }
}
