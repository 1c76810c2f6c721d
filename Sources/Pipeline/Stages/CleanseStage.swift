import Cleansing
import Foundation
import Lake
import Runs
import RxCore

/// cleanse: the raw zone into the cleansed zone, with quarantine and the quality report.
public struct CleanseStage: Stage {
    public let name = StageName.cleanse
    public let config: RxpipeConfig
    public let lakeRoot: String

    public init(config: RxpipeConfig, lakeRoot: String? = nil) {
        self.config = config
        self.lakeRoot = lakeRoot ?? config.lake.root
    }

    /// The raw tables and every setting that changes what cleanse writes: a change reruns
    /// cleanse and everything after it. The pseudonym key enters as a keyed hash, never as is.
    public func fingerprint() -> String {
        let key = ProcessInfo.processInfo.environment["RXPIPE_PSEUDONYM_KEY"] ?? ""
        let settings: [(String, String)] = [
            ("pseudonymize", "\(config.privacy.pseudonymize)"), ("suppress_below", "\(config.privacy.suppressBelow)"),
            ("pseudonym key", config.privacy.pseudonymize ? Fingerprint.of(Array(("rxpipe pseudonym key " + key).utf8)) : ""),
            ("drugs generic", config.drugs.generic.joined(separator: "\u{1F}")), ("drugs brand", config.drugs.brand.joined(separator: "\u{1F}")),
        ]
        return StageInputs(lakeRoot: lakeRoot).fingerprint(zones: ["raw"], settings: settings)
    }

    public func outputsPresent() -> Bool { StageInputs(lakeRoot: lakeRoot).hasTables(in: "cleansed") }

    public func run() throws -> String {
        let t = try perform().quality.tables.first
        return "\(t?.cleansed ?? 0) cleansed, \(t?.quarantined ?? 0) quarantined, \(t?.duplicatesDropped ?? 0) duplicates dropped"
    }

    /// A missing or weak pseudonym key is the user's to fix (exit 2); anything else failed the work.
    public func perform() throws -> CleanseReport {
        do {
            return try Cleanser(lake: Lake(root: lakeRoot), options: CleanseOptions(config: config)).run()
        } catch let error as CleanseError {
            switch error {
            case .missingPseudonymKey, .weakPseudonymKey: throw StageFailure.usage(error.description)
            default: throw StageFailure.failed(error.description)
            }
        }
    }
}
