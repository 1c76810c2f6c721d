import ArgumentParser
import Foundation
import Pipeline
import Logging
import Publishing
import RxCore
import Runs
import Site
import SiteAudit

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Ship the rendered site to a directory, an S3-compatible bucket or a git branch.",
        usage: """
            rxpipe publish --to DIR|s3://BUCKET/PREFIX|git:BRANCH [--site DIR] [--endpoint-url URL] [--dry-run]
                           [--allow-failed-gates] [--allow-shrink] [--max-delete-share S] [--jobs N] [--max-attempts N]
            """,
        discussion: """
            Only what changed is written, and visitors never see a half-published site.

            --to DIR: the new tree is built beside DIR (unchanged files hard-linked, changed \
            ones copied) and swapped in with one atomic rename-exchange; the old tree stays \
            whole until then.

            --to s3://BUCKET/PREFIX: objects whose MD5 (ETag) differs are uploaded with their \
            Content-Type and Cache-Control (no-cache for pages and other plain names; a year, \
            immutable, for fingerprinted names such as app.3f2a9c1d.css) — assets first, \
            pages after, index.html last; stale keys are deleted only after every upload \
            succeeded. Retries with backoff on 5xx and throttling. Credentials and region come \
            from the AWS environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, \
            AWS_SESSION_TOKEN, AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_REGION), never \
            from rxpipe's configuration. --endpoint-url selects an S3-compatible host \
            (path-style addressing).

            --to git:BRANCH: one commit whose tree is exactly the site (plus .nojekyll) on \
            BRANCH of the repository in the working directory; the checkout, index and HEAD \
            are not touched; no commit when nothing changed.

            A site whose .rxpipe-gates.json says a quality gate failed is refused (exit 3) \
            unless --allow-failed-gates; so is one the lake's verdict on its data says failed. \
            Every publish first runs the disclosure audit (rxpipe audit) and refuses a site \
            with a finding (exit 4). A publish that would delete more than --max-delete-share \
            (default half) of the published files is refused (exit 1) unless --allow-shrink.

            Examples:
              rxpipe publish --to /srv/www/partd --dry-run
              rxpipe publish --to s3://reports/partd --endpoint-url http://127.0.0.1:9000
              AWS_PROFILE=publisher rxpipe publish --to s3://reports/partd
              rxpipe publish --to git:gh-pages --site build/site
            """,
        subcommands: [PublishSignRequestCommand.self])

    @Option(help: "Where to publish: a directory, s3://BUCKET/PREFIX or git:BRANCH.")
    var to: String?

    @Option(help: "The site directory to publish (default: [site] dir).")
    var site: String?

    @Option(help: "S3-compatible endpoint, e.g. http://127.0.0.1:9000 (path-style addressing).")
    var endpointUrl: String?

    @Flag(help: "Print the plan (upload, keep, delete) and change nothing.")
    var dryRun = false

    @Flag(help: "Publish even though the site's gate record says a quality gate failed.")
    var allowFailedGates = false

    @Flag(help: "Publish even when the new site deletes more than --max-delete-share of the published files.")
    var allowShrink = false

    @Option(help: "The largest share of published files a publish may delete without --allow-shrink (0…1).")
    var maxDeleteShare = 0.5

    @Option(help: "S3 requests in flight at once.")
    var jobs = 8

    @Option(help: "Attempts per S3 request before giving up (5xx, throttling and network errors back off exponentially).")
    var maxAttempts = 8

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if jobs < 1 || jobs > 64 { throw ValidationError("--jobs must be between 1 and 64") }
        if maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1") }
        if !(0...1).contains(maxDeleteShare) { throw ValidationError("--max-delete-share must be between 0 and 1") }
    }

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.publish")
            var config = try global.loadConfig()
            _ = try LakeAccess.open(&config, logger: logger)
            guard let to else { throw CommandFailure.usage("publish: --to is required (a directory, s3://BUCKET/PREFIX or git:BRANCH)") }
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let siteRoot = URL(fileURLWithPath: site ?? config.site.dir, relativeTo: cwd).standardizedFileURL
            let target: PublishTarget
            do {
                target = try PublishTarget(parsing: to, relativeTo: cwd)
            } catch let error as PublishError {
                throw CommandFailure.usage(error.description)
            }
            if endpointUrl != nil {
                guard case .s3 = target else { throw CommandFailure.usage("publish: --endpoint-url applies only to --to s3://…") }
            }
            // A render swapping the site in meanwhile would mix two versions: one holder at a time.
            let lock = try SiteLock(site: siteRoot.path) { holder in logger.notice("waiting for \(holder) to finish with \(siteRoot.path)") }
            defer { lock.release() }
            let inventory = try SiteInventory.scan(siteRoot)
            // An empty site would turn every published file into a stale one and delete it.
            guard !inventory.files.isEmpty else {
                throw CommandFailure.failed("publish: the site directory \(siteRoot.path) has no files; nothing was published")
            }
            let record = try checkGates(siteRoot, logger: logger)
            try checkVerdict(record, site: siteRoot.path, lakeRoot: config.lake.root, logger: logger)
            try audit(siteRoot.path, config: config, record: record, logger: logger)
            logger.info("site \(siteRoot.path): \(inventory.files.count) files")
            try publish(inventory, to: target, logger: logger)
        }
    }

    @discardableResult
    private func checkGates(_ siteRoot: URL, logger: Logger) throws -> GateRecord? {
        guard let record = try GateRecord.read(siteRoot: siteRoot) else {
            logger.warning("no \(GateRecord.fileName) in \(siteRoot.path): the site's quality gates are unknown")
            return nil
        }
        guard !record.passed else { return record }
        try refuseFailedGates(site: siteRoot.path, failed: record.failed, logger: logger)
        return record
    }

    /// The lake's verdict on the data version the site shows wins over the site's own record:
    /// a site rendered from gate-failed data is refused however it was rendered.
    private func checkVerdict(_ record: GateRecord?, site: String, lakeRoot: String, logger: Logger) throws {
        guard let version = record?.dataVersion, record?.passed == true,
            let verdict = try DataVerdict.stored(lakeRoot: lakeRoot), verdict.dataVersion == version, !verdict.passed
        else { return }
        try refuseFailedGates(
            site: site, failed: verdict.gates.filter { !$0.passed }.map { "\($0.name): \($0.detail)" }, logger: logger)
    }

    private func refuseFailedGates(site: String, failed: [String], logger: Logger) throws {
        if allowFailedGates {
            logger.warning("publishing despite failed quality gates (--allow-failed-gates): \(failed.joined(separator: "; "))")
            return
        }
        StandardError.write("rxpipe: error: \(PublishError.gateFailed(site: site, failed: failed))\n")
        throw ExitCode(3)
    }

    /// The disclosure audit of the site as it is on disk, against the lake (exit 4 on a finding).
    private func audit(_ site: String, config: RxpipeConfig, record: GateRecord?, logger: Logger) throws {
        var rules = try SiteAuditing.rules(config, lakeRoot: config.lake.root)
        if record?.pseudonymized == true, !rules.pseudonymized {
            rules.pseudonymized = true
            rules.identities = try LakeIdentities.read(lakeRoot: config.lake.root)
        }
        if rules.pseudonymized, rules.identities.npis.isEmpty {
            throw CommandFailure.disclosure(
                "the site \(site) was rendered from pseudonymised data, but the lake \(config.lake.root) has no raw tables to check it against; publish it with the lake it was rendered from ([lake] root)")
        }
        let started = Date()
        let findings: [AuditFinding]
        do {
            findings = try SiteAuditor(rules: rules).audit(directory: site)
        } catch let error as AuditError {
            throw CommandFailure.failed(error.description)
        }
        try SiteAuditing.refuse(findings, site: site)
        logger.info("disclosure audit: clean (\(String(format: "%.2f", Date().timeIntervalSince(started))) s)")
    }

    private func publish(_ inventory: SiteInventory, to target: PublishTarget, logger: Logger) throws {
        let progress = ProgressReporter(label: "publish", total: 0, unit: "files", quiet: global.quiet)
        let verbose = global.verbose
        let events: @Sendable (PublishEvent) -> Void = { event in
            switch event {
            case .uploaded(let path, _):
                progress.advance(by: 1)
                if verbose { StandardError.write("upload \(path)\n") }
            case .deleted(let path):
                if verbose { StandardError.write("delete \(path)\n") }
            case .note(let text):
                StandardError.write("\(text)\n")
            }
        }
        let started = Date()
        let report: PublishReport
        switch target {
        case .directory(let url):
            let publisher = DirectoryPublisher(target: url)
            let plan = try publisher.plan(inventory)
            if dryRun { return printPlan(plan) }
            try guardShrink(plan)
            report = try publisher.publish(inventory, events: events)
        case .git(let branch):
            let publisher = GitPublisher(
                repository: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), branch: branch)
            let plan = try publisher.plan(inventory)
            if dryRun { return printPlan(plan) }
            try guardShrink(plan)
            report = try publisher.publish(inventory, events: events)
        case .s3(let location):
            let environment = AWSEnvironment()
            let credentials: AWSCredentials
            do {
                credentials = try environment.credentials()
            } catch let error as PublishError {
                throw CommandFailure.usage(error.description)
            }
            logger.debug("S3 credentials: \(credentials); region \(environment.region)")
            let endpoint: S3Endpoint
            do {
                endpoint = try S3Endpoint(bucket: location.bucket, region: environment.region, endpointURL: endpointUrl)
            } catch let error as PublishError {
                throw CommandFailure.usage(error.description)
            }
            let client = S3Client(
                location: location, endpoint: endpoint,
                signer: SigV4Signer(credentials: credentials, region: environment.region), transport: URLSessionTransport(),
                retry: RetryPolicy(maxAttempts: maxAttempts))
            let publisher = S3Publisher(client: client, width: jobs)
            let plan = try publisher.plan(inventory)
            if dryRun { return printPlan(plan) }
            try guardShrink(plan)
            report = try publisher.publish(inventory, plan: plan, events: events)
        }
        progress.finish()
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        var line = "published \(inventory.files.count) files to \(to ?? ""): \(report.uploaded) uploaded (\(report.bytesUploaded) bytes), "
            + "\(report.kept) unchanged, \(report.deleted) deleted"
        if case .git = target, let commit = report.detail { line += "; commit \(commit)" }
        if report.uploaded + report.deleted == 0 { line += "; already up to date" }
        print(line)
        logger.info("publish took \(seconds) s")
    }

    /// Refuses a plan that deletes too much of the published site (exit 1), unless allowed.
    private func guardShrink(_ plan: PublishPlan) throws {
        guard !allowShrink, let refusal = plan.shrinkRefusal(maxShare: maxDeleteShare) else { return }
        throw CommandFailure.failed("publish: \(refusal); nothing was published")
    }

    private func printPlan(_ plan: PublishPlan) {
        print(plan.render(), terminator: "")
    }
}
