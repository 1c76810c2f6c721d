import Foundation
import Lake
import Runs
import RxCore
import Transformation

/// transform: the cleansed zone into the curated tables of docs/tables.md.
public struct TransformStage: Stage {
    public let name = StageName.transform
    public let config: RxpipeConfig
    public let lakeRoot: String
    public let workers: Int

    public init(config: RxpipeConfig, lakeRoot: String? = nil, workers: Int = 2) {
        self.config = config
        self.lakeRoot = lakeRoot ?? config.lake.root
        self.workers = workers
    }

    public func fingerprint() -> String {
        StageInputs(lakeRoot: lakeRoot).fingerprint(zones: ["cleansed"], settings: [("outliers", "\(OutlierSettings(config.outliers))")])
    }

    public func outputsPresent() -> Bool { StageInputs(lakeRoot: lakeRoot).hasTables(in: "curated") }

    public func run() throws -> String {
        let report = try perform()
        return "\(report.tables.count) curated tables from \(report.factRows) rows"
    }

    public func perform(progress: @Sendable (Int) -> Void = { _ in }) throws -> Transform.Report {
        try Transform(lake: Lake(root: lakeRoot), workers: workers, outliers: OutlierSettings(config.outliers)).run(progress: progress)
    }
}
