import Charts
import Foundation
import Lake

extension SiteInput {
    /// Gathers a render's inputs from the lake: curated tables (required), quality report,
    /// profiles and catalog (each optional: the page says what is missing).
    public static func load(lakeRoot: String, title: String, geometryPath: String, gates: GateSummary? = nil) throws -> SiteInput {
        let lake = Lake(root: lakeRoot)
        // The CSV downloads are the slowest input (a row per prescriber); they are written on a
        // second core while the rest is read.
        let downloads = BackgroundResult { try CSVExport.curatedTables(lake) }
        let curated: CuratedData
        do {
            curated = try CuratedLoader.load(lake)
        } catch {
            throw SiteError.missingTable("the curated zone of \(lakeRoot)", reason: "\(error)")
        }
        let geometry: USStateGeometry
        do {
            geometry = try USStateGeometry.load(from: URL(fileURLWithPath: geometryPath))
        } catch {
            throw SiteError.unreadable(path: geometryPath, reason: error.description)
        }
        return SiteInput(
            title: title, curated: curated, quality: try QualityReport.load(path: lakeRoot + "/cleansed/quality.json"),
            profiles: try ProfileLoader.all(lakeRoot: lakeRoot), catalog: try CatalogEntry.all(in: lake), geometry: geometry,
            tableDownloads: try downloads.value(), gates: gates)
    }

    /// `assets/us-states-albers.json` in the working directory, else beside the executable's
    /// checkout (`.build/<config>/rxpipe` → `assets/`).
    public static func defaultGeometryPath() -> String {
        let relative = "assets/us-states-albers.json"
        if FileManager.default.fileExists(atPath: relative) { return relative }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return relative
    }
}

/// A value computed on another thread; `value()` waits for it.
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
