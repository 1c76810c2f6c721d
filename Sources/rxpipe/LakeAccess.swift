import Foundation
import LakeMirror
import Logging
import Publishing
import RxCore

/// The lake a command works on. A directory is used as it is. `s3://bucket/prefix` is pulled
/// into `[lake] cache` before the command (only what the manifests list, only what changed) and
/// what the command wrote is pushed back after it succeeds, data before manifests
/// (`S3LakeMirror`). A command that fails pushes nothing: the bucket keeps its last commit.
struct LakeAccess {
    /// The local directory the command reads and writes.
    let root: String
    private let mirror: S3LakeMirror?
    private let logger: Logger

    /// Opens `location` (`--lake`, else `[lake] root`) and points `config.lake.root` at the
    /// directory to work in.
    static func open(_ config: inout RxpipeConfig, location: String? = nil, logger: Logger) throws -> LakeAccess {
        let place = location ?? config.lake.root
        config.lake.root = place
        guard place.hasPrefix("s3://") else { return LakeAccess(root: place, mirror: nil, logger: logger) }
        let mirror = try makeMirror(place, lake: config.lake)
        config.lake.root = mirror.root
        let access = LakeAccess(root: mirror.root, mirror: mirror, logger: logger)
        let started = Date()
        let report: S3LakeMirror.Report
        do { report = try mirror.pull() } catch let error as LakeMirrorError { throw CommandFailure.failed(error.description) }
        logger.info(
            "lake \(mirror.remote): \(report.tables) tables; fetched \(report.transferred) files (\(report.bytes) bytes), \(report.unchanged) already here, \(report.removed) removed, into \(mirror.root) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        return access
    }

    /// Pushes what the command changed (nothing for a lake on disk).
    func finish() throws {
        guard let mirror else { return }
        let started = Date()
        let report: S3LakeMirror.Report
        do { report = try mirror.push() } catch let error as LakeMirrorError { throw CommandFailure.failed(error.description) }
        if report.transferred > 0 || report.removed > 0 {
            logger.info(
                "lake \(mirror.remote): uploaded \(report.transferred) files (\(report.bytes) bytes), deleted \(report.removed) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
    }

    /// The copy lives in `<cache>/<bucket>/<prefix>`; credentials and region come from the AWS
    /// environment as for `rxpipe publish`, the endpoint from `[lake] endpoint_url`, else
    /// AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, else AWS.
    private static func makeMirror(_ place: String, lake: RxpipeConfig.Lake) throws -> S3LakeMirror {
        let location: S3Location
        do { location = try S3Location(parsing: place) } catch {
            throw CommandFailure.usage("[lake] root \(place): expected s3://bucket/prefix with a valid bucket name")
        }
        let parts = location.prefix.split(separator: "/")
        guard !parts.contains("..") && !parts.contains(".") else {
            throw CommandFailure.usage("[lake] root \(place): the prefix may not contain . or .. segments")
        }
        let environment = AWSEnvironment()
        let credentials: AWSCredentials
        do { credentials = try environment.credentials() } catch let error as PublishError {
            throw CommandFailure.usage("[lake] root \(place): " + error.description.replacingOccurrences(of: "publish: ", with: ""))
        }
        let endpointURL = lake.endpointURL ?? environment.variables["AWS_ENDPOINT_URL_S3"] ?? environment.variables["AWS_ENDPOINT_URL"]
        let endpoint: S3Endpoint
        do {
            endpoint = try S3Endpoint(bucket: location.bucket, region: environment.region, endpointURL: endpointURL)
        } catch {
            throw CommandFailure.usage("[lake] endpoint_url \(endpointURL ?? ""): expected http(s)://host[:port]")
        }
        let client = S3Client(
            location: location, endpoint: endpoint,
            signer: SigV4Signer(credentials: credentials, region: environment.region), transport: URLSessionTransport())
        let folder = location.prefix.isEmpty ? "_root" : location.prefix
        return S3LakeMirror(client: client, root: "\(lake.cache)/\(location.bucket)/\(folder)")
    }
}
