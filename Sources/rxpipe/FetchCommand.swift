import ArgumentParser
import Fetching
import Foundation
import RxCore

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the CMS \"by Provider and Drug\" CSV files for the configured years into [source] path.",
        discussion: """
            Reads the DCAT catalog at [fetch] catalog_url (default https://data.cms.gov/data.json), \
            finds the dataset titled [fetch] dataset, and downloads each requested year's CSV \
            distribution under CMS's own file name (MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv), where \
            `rxpipe ingest` reads it. Years: --years, else [fetch] years, else the newest year \
            the catalog lists.

            A file already fetched is asked for with If-None-Match / If-Modified-Since (the \
            validators are kept beside it in .<name>.fetch.json): when the server answers 304 \
            nothing is written. A transfer is written to a hidden .<name>.part in the same \
            folder and resumed with Range + If-Range after a broken connection (also by the \
            next run); when complete its size is checked against Content-Length, its SHA-256 \
            against the catalog's checksum when it gives one, then it is synced and renamed \
            into place. 5xx, 429 and network errors are retried [fetch] attempts times with \
            backoff from [fetch] retry_delay_ms; then the command exits 1 naming the URL and \
            the status. User names, passwords and query strings of URLs are never logged.

            Examples:
              rxpipe fetch --years 2022-2024
              rxpipe fetch --dry-run
              RXPIPE_FETCH_CATALOG_URL=http://mirror.internal/data.json rxpipe fetch --out /data/cms
            """)

    @Option(help: "Data years, e.g. 2022 or 2021-2023 (default: [fetch] years, else the newest listed).")
    var years: YearRange?

    @Option(help: "Folder the files are placed in (default: [source] path).")
    var out: String?

    @Flag(help: "List what would be fetched (year, file, URL) and download nothing.")
    var dryRun = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.fetch")
            let config = try global.loadConfig()
            guard let catalogURL = URL(string: config.fetch.catalogURL) else {
                throw CommandFailure.usage("fetch: [fetch] catalog_url is not a URL")
            }
            let directory = out ?? config.source.path
            let progress = FetchProgressLine(quiet: global.quiet)
            let fetcher = FileFetcher(
                policy: FetchPolicy(
                    attempts: config.fetch.attempts, retryDelay: Double(config.fetch.retryDelayMilliseconds) / 1000,
                    timeout: TimeInterval(config.fetch.timeoutSeconds)),
                events: { event in
                    switch event {
                    case .retrying(let url, let reason, let delay):
                        logger.warning("\(url): \(reason); retrying in \(String(format: "%.1f", delay)) s")
                    default:
                        progress.handle(event)
                    }
                })
            do {
                logger.info("catalog \(LoggableURL.text(catalogURL))")
                let listed = try DataCatalog.files(
                    in: try fetcher.document(catalogURL), dataset: config.fetch.dataset, catalogURL: config.fetch.catalogURL)
                let files = try select(listed, config: config)
                if dryRun {
                    for file in files { print("\(file.year)\t\(file.fileName)\t\(LoggableURL.text(file.url))") }
                    return
                }
                do { try PlainFile.makeDirectories(directory) } catch { throw CommandFailure.failed("fetch: \(error)") }
                for file in files {
                    let path = (directory as NSString).appendingPathComponent(file.fileName)
                    switch try fetcher.fetch(file, into: directory) {
                    case .unchanged:
                        print("\(file.year)\tunchanged\t\(path)")
                    case .downloaded(let bytes, let resumedFrom):
                        let resumed = resumedFrom > 0 ? "\tresumed at \(resumedFrom)" : ""
                        print("\(file.year)\tdownloaded\t\(path)\t\(bytes) bytes\(resumed)")
                    }
                }
            } catch let error as FetchError {
                throw CommandFailure.failed(error.description)
            }
        }
    }

    /// The requested years' files, or the newest listed when none are requested.
    private func select(_ listed: [CatalogFile], config: RxpipeConfig) throws -> [CatalogFile] {
        let wanted = years.map { Array($0.range) } ?? config.fetch.years
        guard !wanted.isEmpty else {
            guard let newest = listed.first else {
                throw FetchError.yearsNotListed(
                    url: LoggableURL.text(config.fetch.catalogURL), dataset: config.fetch.dataset, missing: [], listed: [])
            }
            return [newest]
        }
        let missing = wanted.filter { year in !listed.contains { $0.year == year } }
        guard missing.isEmpty else {
            throw FetchError.yearsNotListed(
                url: LoggableURL.text(config.fetch.catalogURL), dataset: config.fetch.dataset, missing: missing,
                listed: listed.map(\.year).sorted())
        }
        return listed.filter { wanted.contains($0.year) }.sorted { $0.year < $1.year }
    }
}

/// One progress line per transfer (bytes), silent with --quiet.
/// Unchecked: the current reporter is read and replaced under its NSLock.
private final class FetchProgressLine: @unchecked Sendable {
    private let quiet: Bool
    private let lock = NSLock()
    private var current: ProgressReporter?

    init(quiet: Bool) { self.quiet = quiet }

    func handle(_ event: FetchEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .transferStarted(let file, let offset, let total):
            current?.finish()
            current = ProgressReporter(label: "fetch \(file)", total: Int(total ?? 0), unit: "B", quiet: quiet)
            if offset > 0 { current?.advance(by: Int(offset)) }
        case .received(let bytes):
            current?.advance(by: bytes)
        case .transferEnded:
            current?.finish()
            current = nil
        case .retrying:
            break
        }
    }
}
