import Charts
import Curated
import Disclosure
import EmbeddedDefaults
import Foundation
import Lake

extension SiteInput {
    /// Gathers a render's inputs from the lake: curated tables (required), quality report,
    /// profiles and catalog (each optional: the page says what is missing).
    ///
    /// This is the disclosure boundary: everything a page, download or chart shows comes out of
    /// here already passed through `policy` (the quality examples and the profiles redacted,
    /// the downloads without beneficiary sums or small counts). Pseudonymisation is on when the
    /// configuration or the cleansed data says so.
    public static func load(lakeRoot: String, title: String, geometryPath: String?, policy configured: DisclosurePolicy, gates: GateSummary? = nil) throws -> SiteInput {
        let lake = Lake(root: lakeRoot)
        let policy = effectivePolicy(configured, lakeRoot: lakeRoot)
        // The CSV downloads are the slowest input (a row per prescriber); they are written on a
        // second core while the rest is read.
        let downloads = BackgroundResult { try CSVExport.curatedTables(lake, policy: policy) }
        let curated: CuratedData
        do {
            curated = try CuratedLoader.load(lake)
        } catch {
            throw SiteError.missingTable("the curated zone of \(lakeRoot)", reason: "\(error)")
        }
        let geometry: USStateGeometry
        do {
            if let geometryPath {
                geometry = try USStateGeometry.load(from: URL(fileURLWithPath: geometryPath))
            } else {
                geometry = try USStateGeometry.load(bytes: EmbeddedDefaults.stateGeometry, name: embeddedGeometryName)
            }
        } catch {
            throw SiteError.unreadable(path: geometryPath ?? embeddedGeometryName, reason: error.description)
        }
        return SiteInput(
            title: title, curated: curated, quality: try PublishedQuality.load(path: lakeRoot + "/cleansed/quality.json")?.redacted(policy),
            profiles: try ProfileLoader.all(lakeRoot: lakeRoot, policy: policy), catalog: try CatalogEntry.all(in: lake), geometry: geometry,
            tableDownloads: try downloads.value(), gates: gates, policy: policy)
    }

    /// The configured policy, with pseudonymisation switched on when the cleansed data was
    /// pseudonymised (`rxpipe.cleanse.pseudonymized` in its manifests) whatever the config says now.
    public static func effectivePolicy(_ configured: DisclosurePolicy, lakeRoot: String) -> DisclosurePolicy {
        var policy = configured
        let lake = Lake(root: lakeRoot)
        for name in (try? lake.tables(zone: "cleansed")) ?? [] {
            if (try? lake.manifest(name))?.properties?["rxpipe.cleanse.pseudonymized"] == "true" { policy.pseudonymized = true }
        }
        return policy
    }

    /// `assets/us-states-albers.json` in the working directory, else beside the executable's
    /// checkout (`.build/<config>/rxpipe` → `assets/`), else nil: the copy compiled into rxpipe.
    public static func defaultGeometryPath() -> String? {
        let relative = "assets/us-states-albers.json"
        if FileManager.default.fileExists(atPath: relative) { return relative }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// The bytes of the geometry a render at `path` uses (the render fingerprint hashes them).
    public static func geometryBytes(path: String?) -> [UInt8] {
        guard let path else { return EmbeddedDefaults.stateGeometry }
        return FileManager.default.contents(atPath: path).map(Array.init) ?? []
    }

    static let embeddedGeometryName = "built-in assets/us-states-albers.json"
}

/// A value computed on another thread; `value()` waits for it.
/// Unchecked: `result` is written before the group is left and read only after `wait()`.
final class BackgroundResult<T: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<T, Error>?

    init(_ work: @escaping @Sendable () throws -> T) {
        group.enter()
        DispatchQueue.global().async {
            let r = Result { try work() }
            self.result = r
            self.group.leave()
        }
    }

    func value() throws -> T {
        group.wait()
        return try result!.get()
    }
}
