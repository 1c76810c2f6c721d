import Foundation
import RxCore
import Runs

/// Runs stages in order, skipping a stage whose input fingerprint equals the one recorded
/// when it last succeeded (and whose outputs are still there). The record of a stage is
/// written, atomically, only after the stage committed, so a run killed at any moment leaves
/// a state the next run can trust.
public struct StageRunner {
    public let statePath: String
    public var force: Bool
    public var range: ClosedRange<StageName>

    public init(lakeRoot: String, force: Bool = false, range: ClosedRange<StageName> = .ingest ... .render) {
        statePath = lakeRoot + "/runs/_stages.json"
        self.force = force
        self.range = range
    }

    /// Fingerprints of the last successful run of each stage.
    public func recorded() -> [StageName: String] {
        guard let data = FileManager.default.contents(atPath: statePath),
            let map = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [:] }
        var result: [StageName: String] = [:]
        for (k, v) in map { if let s = StageName(rawValue: k) { result[s] = v } }
        return result
    }

    func record(_ stage: StageName, fingerprint: String) throws(RunError) {
        var map: [String: String] = [:]
        for (k, v) in recorded() { map[k.rawValue] = v }
        map[stage.rawValue] = fingerprint
        try AtomicFile.write(path: statePath, data: try JSONCoding.encode(map))
    }

    /// Runs `stages`; `log` receives one line per stage. Throws `RunError.stageFailed` after
    /// recording the outcomes so far in `outcomes`.
    public func run(_ stages: [any Stage], outcomes: inout [StageOutcome], log: (String) -> Void) throws {
        let previous = recorded()
        for stage in stages {
            guard range.contains(stage.name) else {
                outcomes.append(StageOutcome(stage: stage.name, status: .notRun, seconds: 0, fingerprint: "", summary: "outside --from-stage/--to-stage"))
                continue
            }
            let started = Date()
            let fingerprint: String
            do {
                fingerprint = try stage.fingerprint()
            } catch {
                outcomes.append(StageOutcome(stage: stage.name, status: .failed, seconds: 0, fingerprint: "", summary: "\(error)"))
                throw RunError.stage(stage.name, error)
            }
            let decision = StageDecision.decide(
                force: force, recorded: previous[stage.name], fingerprint: fingerprint, outputsPresent: stage.outputsPresent())
            if decision == .skip {
                let seconds = Date().timeIntervalSince(started)
                outcomes.append(StageOutcome(stage: stage.name, status: .skipped, seconds: seconds, fingerprint: fingerprint, summary: "inputs unchanged"))
                log("[\(stage.name.order + 1)/5] \(stage.name.rawValue): skipped (inputs unchanged)")
                continue
            }
            log("[\(stage.name.order + 1)/5] \(stage.name.rawValue): running")
            do {
                let summary = try stage.run()
                let seconds = Date().timeIntervalSince(started)
                try record(stage.name, fingerprint: fingerprint)
                outcomes.append(StageOutcome(stage: stage.name, status: .ran, seconds: seconds, fingerprint: fingerprint, summary: summary))
                log("[\(stage.name.order + 1)/5] \(stage.name.rawValue): \(summary) (\(String(format: "%.2f", seconds)) s)")
            } catch {
                let seconds = Date().timeIntervalSince(started)
                outcomes.append(StageOutcome(stage: stage.name, status: .failed, seconds: seconds, fingerprint: fingerprint, summary: "\(error)"))
                if error is EmptySource || error is StageRefusal { throw error }
                throw RunError.stage(stage.name, error)
            }
        }
    }
}

/// An error a stage ends with on purpose, with its own exit code (the disclosure audit's
/// refusal): passed through as it is rather than wrapped as a stage failure.
public protocol StageRefusal: ExitCoded {}

/// The source has no rows (no data file, or only headers): a quality gate failure, not a crash.
public struct EmptySource: Error, CustomStringConvertible {
    public let detail: String
    public init(_ detail: String) { self.detail = detail }
    public var description: String { detail }
}

